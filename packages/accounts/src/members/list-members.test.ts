import { describe, expect, it } from 'vitest';
import { seedOrg } from '../testing/seed-member';
import { setupTestDatabase } from '../testing/setup-test-database';
import { listMembers } from './list-members';

const db = setupTestDatabase();

describe('listMembers', () => {
  it('lists only the actor’s organization, owners first, marking the actor', async () => {
    const org = await seedOrg({ prisma: db() });
    await seedOrg({ prisma: db() });
    const members = await listMembers({ db: db(), actor: org.auditor.actor });
    expect(members.map((member) => member.role)).toEqual(['owner', 'admin', 'auditor']);
    expect(members.map((member) => member.userId).sort()).toEqual(
      [org.owner.user.id, org.admin.user.id, org.auditor.user.id].sort(),
    );
    expect(members.filter((member) => member.isYou).map((member) => member.userId)).toEqual([
      org.auditor.user.id,
    ]);
  });
});

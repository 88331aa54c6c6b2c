import { describe, expect, it } from 'vitest';
import { createInvite } from '../invites/create-invite';
import { seedOrg } from '../testing/seed-member';
import { setupTestDatabase } from '../testing/setup-test-database';
import { getOverview } from './get-overview';

const db = setupTestDatabase();

describe('getOverview', () => {
  it('shows the organization, its member count, pending invites and the viewer’s role', async () => {
    const org = await seedOrg({ prisma: db(), name: 'Acme' });
    await seedOrg({ prisma: db() });
    await createInvite({
      db: db(),
      actor: org.owner.actor,
      input: { email: 'new@example.com', role: 'auditor' },
    });
    const overview = await getOverview({ db: db(), actor: org.auditor.actor });
    expect(overview).toMatchObject({
      organization: { id: org.orgId, name: 'Acme' },
      memberCount: 3,
      pendingInviteCount: 1,
      yourRole: 'auditor',
    });
    expect(overview.recentActivity.map((entry) => entry.action)).toEqual(['invite_created']);
  });
});

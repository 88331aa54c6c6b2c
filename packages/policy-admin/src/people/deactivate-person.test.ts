import {
  expectAppError,
  seedOrg,
  setupTestDatabase,
  snapshotDatabase,
} from '@parapet/accounts/testing';
import { describe, expect, it } from 'vitest';
import { seedPolicyGroups } from '../testing/seed-policy-groups';
import { createPerson } from './create-person';
import { deactivatePerson } from './deactivate-person';
import { getPerson } from './get-person';

const db = setupTestDatabase();

describe('deactivatePerson', () => {
  it('keeps the row and its groups, inactive, and records it once', async () => {
    const org = await seedOrg({ prisma: db() });
    await seedPolicyGroups({ prisma: db(), orgId: org.orgId, names: ['eng'] });
    const person = await createPerson({
      db: db(),
      actor: org.admin.actor,
      input: { email: 'ada@example.com', groups: ['eng'] },
    });
    const deactivated = await deactivatePerson({
      db: db(),
      actor: org.admin.actor,
      input: { personId: person.id },
    });
    expect(deactivated).toMatchObject({ active: false, groups: ['eng'] });
    await deactivatePerson({ db: db(), actor: org.admin.actor, input: { personId: person.id } });
    expect(
      await getPerson({ db: db(), actor: org.auditor.actor, input: { personId: person.id } }),
    ).toMatchObject({ email: 'ada@example.com', active: false });
    const entries = await db().activityLogEntry.findMany({
      where: { orgId: org.orgId, action: 'person.deactivated' },
    });
    expect(entries.map((entry) => entry.target)).toEqual(['ada@example.com']);
  });

  it('refuses auditors and other orgs, changing nothing; getPerson hides other orgs too', async () => {
    const org = await seedOrg({ prisma: db() });
    const other = await seedOrg({ prisma: db() });
    const person = await createPerson({
      db: db(),
      actor: org.admin.actor,
      input: { email: 'ada@example.com' },
    });
    const before = await snapshotDatabase(db());
    await expectAppError(
      deactivatePerson({ db: db(), actor: org.auditor.actor, input: { personId: person.id } }),
      'FORBIDDEN',
    );
    await expectAppError(
      deactivatePerson({ db: db(), actor: other.owner.actor, input: { personId: person.id } }),
      'NOT_FOUND',
    );
    await expectAppError(
      getPerson({ db: db(), actor: other.auditor.actor, input: { personId: person.id } }),
      'NOT_FOUND',
    );
    expect(await snapshotDatabase(db())).toBe(before);
  });
});

import { describe, expect, it } from 'vitest';
import { expectAppError } from '../testing/expect-app-error';
import { seedMember, seedOrg } from '../testing/seed-member';
import { setupTestDatabase } from '../testing/setup-test-database';
import { snapshotDatabase } from '../testing/snapshot-database';
import { changeMemberRole } from './change-member-role';

const db = setupTestDatabase();

describe('changeMemberRole', () => {
  it('lets an owner promote an admin to owner, recording from and to', async () => {
    const org = await seedOrg({ prisma: db() });
    const result = await changeMemberRole({
      db: db(),
      actor: org.owner.actor,
      input: { membershipId: org.admin.membership.id, role: 'owner' },
    });
    expect(result).toEqual({ changed: true, role: 'owner' });
    const entry = await db().activityLogEntry.findFirstOrThrow({ where: { orgId: org.orgId } });
    expect(entry).toMatchObject({
      action: 'role_changed',
      target: org.admin.user.email,
      details: { from: 'admin', to: 'owner' },
    });
  });

  it('lets an admin move people between admin and auditor', async () => {
    const org = await seedOrg({ prisma: db() });
    await changeMemberRole({
      db: db(),
      actor: org.admin.actor,
      input: { membershipId: org.auditor.membership.id, role: 'admin' },
    });
    expect(
      (await db().membership.findUniqueOrThrow({ where: { id: org.auditor.membership.id } })).role,
    ).toBe('admin');
  });

  it('changes nothing when the role is already the one asked for', async () => {
    const org = await seedOrg({ prisma: db() });
    const before = await snapshotDatabase(db());
    const result = await changeMemberRole({
      db: db(),
      actor: org.owner.actor,
      input: { membershipId: org.auditor.membership.id, role: 'auditor' },
    });
    expect(result.changed).toBe(false);
    expect(await snapshotDatabase(db())).toBe(before);
  });

  it.each([
    ['an admin promoting to owner', 'admin', 'auditor', 'owner', 'FORBIDDEN'],
    ['an admin demoting an owner', 'admin', 'owner', 'admin', 'FORBIDDEN'],
    ['an auditor changing anyone', 'auditor', 'admin', 'auditor', 'FORBIDDEN'],
    ['the last owner demoting themself', 'owner', 'owner', 'admin', 'LAST_OWNER'],
  ] as const)(
    'refuses %s and changes nothing',
    async (_name, actorRole, targetRole, role, code) => {
      const org = await seedOrg({ prisma: db() });
      const before = await snapshotDatabase(db());
      await expectAppError(
        changeMemberRole({
          db: db(),
          actor: org[actorRole].actor,
          input: { membershipId: org[targetRole].membership.id, role },
        }),
        code,
      );
      expect(await snapshotDatabase(db())).toBe(before);
    },
  );

  it.each([
    ['a forged role', { role: 'superuser' }],
    ['a malformed membership id', { membershipId: 'not-a-uuid' }],
    ['an extra field', { orgId: '00000000-0000-0000-0000-000000000000' }],
  ])('refuses %s as invalid input', async (_name, change) => {
    const org = await seedOrg({ prisma: db() });
    const before = await snapshotDatabase(db());
    await expectAppError(
      changeMemberRole({
        db: db(),
        actor: org.owner.actor,
        input: { membershipId: org.auditor.membership.id, role: 'admin', ...change } as never,
      }),
      'INVALID_INPUT',
    );
    expect(await snapshotDatabase(db())).toBe(before);
  });

  it('acts with an API key’s own role, not its creator’s higher one', async () => {
    const org = await seedOrg({ prisma: db() });
    const adminKey = {
      ...org.owner.actor,
      role: 'admin' as const,
      apiKey: { id: org.orgId, name: 'CI' },
    };
    const before = await snapshotDatabase(db());
    await expectAppError(
      changeMemberRole({
        db: db(),
        actor: adminKey,
        input: { membershipId: org.owner.membership.id, role: 'auditor' },
      }),
      'FORBIDDEN',
    );
    expect(await snapshotDatabase(db())).toBe(before);
    await changeMemberRole({
      db: db(),
      actor: adminKey,
      input: { membershipId: org.auditor.membership.id, role: 'admin' },
    });
    const entry = await db().activityLogEntry.findFirstOrThrow({
      where: { orgId: org.orgId, action: 'role_changed' },
    });
    expect(entry).toMatchObject({
      actorEmail: org.owner.user.email,
      details: { from: 'auditor', to: 'admin', apiKey: { name: 'CI' } },
    });
  });

  it('cannot reach a member of another organization', async () => {
    const org = await seedOrg({ prisma: db() });
    const other = await seedOrg({ prisma: db() });
    const before = await snapshotDatabase(db());
    await expectAppError(
      changeMemberRole({
        db: db(),
        actor: other.owner.actor,
        input: { membershipId: org.admin.membership.id, role: 'auditor' },
      }),
      'NOT_FOUND',
    );
    expect(await snapshotDatabase(db())).toBe(before);
  });

  it('keeps one owner when two owners demote each other at the same moment', async () => {
    const org = await seedOrg({ prisma: db() });
    const second = await seedMember({ prisma: db(), orgId: org.orgId, role: 'owner' });
    const results = await Promise.allSettled([
      changeMemberRole({
        db: db(),
        actor: org.owner.actor,
        input: { membershipId: second.membership.id, role: 'admin' },
      }),
      changeMemberRole({
        db: db(),
        actor: second.actor,
        input: { membershipId: org.owner.membership.id, role: 'admin' },
      }),
    ]);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    expect(await db().membership.count({ where: { orgId: org.orgId, role: 'owner' } })).toBe(1);
  });
});

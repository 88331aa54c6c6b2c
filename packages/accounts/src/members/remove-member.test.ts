import { createMembership, createOrg } from '@parapet/db/testing';
import { describe, expect, it } from 'vitest';
import { createSession } from '../sessions/create-session';
import { expectAppError } from '../testing/expect-app-error';
import { seedMember, seedOrg } from '../testing/seed-member';
import { setupTestDatabase } from '../testing/setup-test-database';
import { snapshotDatabase } from '../testing/snapshot-database';
import { removeMember } from './remove-member';

const db = setupTestDatabase();

describe('removeMember', () => {
  it('removes the member, deletes their account and sessions, and records it', async () => {
    const org = await seedOrg({ prisma: db() });
    await db().$transaction((tx) => createSession({ tx, userId: org.auditor.user.id }));
    await removeMember({
      db: db(),
      actor: org.admin.actor,
      input: { membershipId: org.auditor.membership.id },
    });
    expect(
      await db().membership.findUnique({ where: { id: org.auditor.membership.id } }),
    ).toBeNull();
    expect(await db().user.findUnique({ where: { id: org.auditor.user.id } })).toBeNull();
    expect(await db().session.count({ where: { userId: org.auditor.user.id } })).toBe(0);
    const entry = await db().activityLogEntry.findFirstOrThrow({ where: { orgId: org.orgId } });
    expect(entry).toMatchObject({ action: 'member_removed', target: org.auditor.user.email });
  });

  it('keeps the account of someone who belongs to another organization too', async () => {
    const org = await seedOrg({ prisma: db() });
    const elsewhere = await createOrg({ prisma: db() });
    await createMembership({
      prisma: db(),
      orgId: elsewhere.id,
      userId: org.auditor.user.id,
      role: 'auditor',
    });
    await removeMember({
      db: db(),
      actor: org.owner.actor,
      input: { membershipId: org.auditor.membership.id },
    });
    expect(await db().user.findUnique({ where: { id: org.auditor.user.id } })).not.toBeNull();
  });

  it.each([
    ['an admin removing an owner', 'admin', 'owner', 'FORBIDDEN'],
    ['an auditor removing anyone', 'auditor', 'admin', 'FORBIDDEN'],
    ['the last owner removing themself', 'owner', 'owner', 'LAST_OWNER'],
  ] as const)('refuses %s and changes nothing', async (_name, actorRole, targetRole, code) => {
    const org = await seedOrg({ prisma: db() });
    const before = await snapshotDatabase(db());
    await expectAppError(
      removeMember({
        db: db(),
        actor: org[actorRole].actor,
        input: { membershipId: org[targetRole].membership.id },
      }),
      code,
    );
    expect(await snapshotDatabase(db())).toBe(before);
  });

  it('never removes the last owner, even when an owner of another org asks', async () => {
    const org = await seedOrg({ prisma: db() });
    const other = await seedOrg({ prisma: db() });
    const before = await snapshotDatabase(db());
    await expectAppError(
      removeMember({
        db: db(),
        actor: other.owner.actor,
        input: { membershipId: org.owner.membership.id },
      }),
      'NOT_FOUND',
    );
    await expectAppError(
      removeMember({ db: db(), actor: org.owner.actor, input: { membershipId: 'forged' } }),
      'INVALID_INPUT',
    );
    expect(await snapshotDatabase(db())).toBe(before);
  });

  it('keeps one owner when two owners remove each other at the same moment', async () => {
    const org = await seedOrg({ prisma: db() });
    const second = await seedMember({ prisma: db(), orgId: org.orgId, role: 'owner' });
    const results = await Promise.allSettled([
      removeMember({
        db: db(),
        actor: org.owner.actor,
        input: { membershipId: second.membership.id },
      }),
      removeMember({
        db: db(),
        actor: second.actor,
        input: { membershipId: org.owner.membership.id },
      }),
    ]);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((result) => result.status === 'rejected') as PromiseRejectedResult;
    // The loser finds itself no longer a member (its membership went first) or the last owner.
    expect(['FORBIDDEN', 'LAST_OWNER']).toContain(refused.reason.code);
    expect(await db().membership.count({ where: { orgId: org.orgId, role: 'owner' } })).toBe(1);
  });
});

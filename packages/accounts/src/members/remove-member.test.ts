import { createMembership, createOrg } from '@parapet/db/testing';
import { describe, expect, it } from 'vitest';
import { acceptInviteWithPassword } from '../invites/accept-invite';
import { createInvite } from '../invites/create-invite';
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

  it('leaves nothing half done when deleting the account fails after the membership went', async () => {
    const org = await seedOrg({ prisma: db() });
    // A crash between the two steps, injected where the account is deleted: the last step.
    await db().$executeRawUnsafe(`
      CREATE FUNCTION refuse_user_delete() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'simulated crash while deleting the account'; END $$`);
    await db().$executeRawUnsafe(`
      CREATE TRIGGER refuse_user_delete BEFORE DELETE ON users
      FOR EACH ROW EXECUTE FUNCTION refuse_user_delete()`);
    const before = await snapshotDatabase(db());
    await expect(
      removeMember({
        db: db(),
        actor: org.admin.actor,
        input: { membershipId: org.auditor.membership.id },
      }),
    ).rejects.toThrow(/simulated crash/);
    // The membership and its activity entry went back with the account: the person is still a
    // member who can sign in, and the removal can simply be tried again.
    expect(await snapshotDatabase(db())).toBe(before);
  });

  it('never deletes an account that joins another organization while it is being removed', async () => {
    for (let round = 0; round < 3; round += 1) {
      const org = await seedOrg({ prisma: db() });
      const elsewhere = await seedOrg({ prisma: db() });
      const person = org.auditor;
      const { token } = await createInvite({
        db: db(),
        actor: elsewhere.owner.actor,
        input: { email: person.user.email, role: 'auditor' },
      });
      const [removed, joined] = await Promise.allSettled([
        removeMember({
          db: db(),
          actor: org.admin.actor,
          input: { membershipId: person.membership.id },
        }),
        acceptInviteWithPassword({ db: db(), input: { token, password: person.password } }),
      ]);
      expect(removed.status).toBe('fulfilled');
      if (joined.status === 'fulfilled') {
        // Joined first: the removal saw the new membership and kept the account.
        expect(
          await db().membership.count({
            where: { userId: person.user.id, orgId: elsewhere.orgId },
          }),
        ).toBe(1);
      } else {
        // Removed first: the account was gone before the invite could be accepted with it.
        expect(joined.reason).toMatchObject({ code: 'INVALID_CREDENTIALS' });
        expect(await db().user.findUnique({ where: { id: person.user.id } })).toBeNull();
      }
    }
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

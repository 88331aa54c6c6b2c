import { createUser } from '@parapet/db/testing';
import { describe, expect, it } from 'vitest';
import { createSession } from '../sessions/create-session';
import { hashPassword } from '../shared/passwords';
import { signInWithPassword } from '../sign-in/sign-in-with-password';
import { expectAppError } from '../testing/expect-app-error';
import { type SeededOrg, seedOrg, testPassword } from '../testing/seed-member';
import { setupTestDatabase } from '../testing/setup-test-database';
import { snapshotDatabase } from '../testing/snapshot-database';
import { acceptInvite, acceptInviteWithPassword } from './accept-invite';
import { createInvite } from './create-invite';
import { getInviteByToken } from './get-invite-by-token';
import { revokeInvite } from './revoke-invite';

const db = setupTestDatabase();
const now = new Date('2030-01-01T09:00:00Z');
const newPassword = 'a brand new passphrase';

async function invite(org: SeededOrg, email = 'invitee@example.com') {
  return createInvite({ db: db(), actor: org.admin.actor, input: { email, role: 'auditor' }, now });
}

describe('acceptInvite', () => {
  it('creates the account with the chosen password, joins with the role and consumes the invite', async () => {
    const org = await seedOrg({ prisma: db() });
    const { token, inviteId } = await invite(org);
    expect(await getInviteByToken({ db: db(), token, now })).toMatchObject({
      email: 'invitee@example.com',
      role: 'auditor',
      status: 'pending',
    });

    const accepted = await acceptInvite({
      db: db(),
      input: { token, name: 'Ivy Invitee', password: newPassword },
      ip: '192.0.2.4',
      now,
    });
    expect(accepted).toMatchObject({
      orgId: org.orgId,
      email: 'invitee@example.com',
      role: 'auditor',
      accountCreated: true,
    });
    const user = await db().user.findUniqueOrThrow({ where: { email: 'invitee@example.com' } });
    expect(user.name).toBe('Ivy Invitee');
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    expect(
      await db().membership.findFirst({ where: { userId: user.id, orgId: org.orgId } }),
    ).toMatchObject({
      role: 'auditor',
    });
    expect(
      (await db().invite.findUniqueOrThrow({ where: { id: inviteId } })).acceptedAt,
    ).not.toBeNull();
    const actions = await db().activityLogEntry.findMany({
      where: { orgId: org.orgId },
      orderBy: { seq: 'asc' },
    });
    expect(actions.map((entry) => entry.action)).toEqual(['invite_created', 'invite_accepted']);
    expect((await getInviteByToken({ db: db(), token, now }))?.status).toBe('accepted');
  });

  it('refuses a reused invite and changes nothing', async () => {
    const org = await seedOrg({ prisma: db() });
    const { token } = await invite(org);
    await acceptInvite({ db: db(), input: { token, name: 'First', password: newPassword }, now });
    const before = await snapshotDatabase(db());
    const error = await expectAppError(
      acceptInvite({ db: db(), input: { token, name: 'Second', password: newPassword }, now }),
      'INVITE_UNUSABLE',
    );
    expect(error.message).toMatch(/already been used/);
    expect(await snapshotDatabase(db())).toBe(before);
  });

  it('refuses an expired invite and changes nothing', async () => {
    const org = await seedOrg({ prisma: db() });
    const { token } = await invite(org);
    const before = await snapshotDatabase(db());
    const eightDaysLater = new Date(now.getTime() + 8 * 24 * 60 * 60_000);
    const error = await expectAppError(
      acceptInvite({
        db: db(),
        input: { token, name: 'Late', password: newPassword },
        now: eightDaysLater,
      }),
      'INVITE_UNUSABLE',
    );
    expect(error.message).toMatch(/expired/);
    expect(await snapshotDatabase(db())).toBe(before);
  });

  it('refuses a revoked invite', async () => {
    const org = await seedOrg({ prisma: db() });
    const { token, inviteId } = await invite(org);
    await revokeInvite({ db: db(), actor: org.admin.actor, input: { inviteId }, now });
    const error = await expectAppError(
      acceptInvite({ db: db(), input: { token, name: 'Revoked', password: newPassword }, now }),
      'INVITE_UNUSABLE',
    );
    expect(error.message).toMatch(/revoked/);
  });

  it('lets exactly one of two concurrent accepts win', async () => {
    const org = await seedOrg({ prisma: db() });
    const { token } = await invite(org);
    const results = await Promise.allSettled([
      acceptInvite({ db: db(), input: { token, name: 'One', password: newPassword }, now }),
      acceptInvite({ db: db(), input: { token, name: 'Two', password: newPassword }, now }),
    ]);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find(
      (result) => result.status === 'rejected',
    ) as PromiseRejectedResult;
    expect(rejected.reason).toMatchObject({ code: 'INVITE_UNUSABLE' });
    expect(await db().user.count({ where: { email: 'invitee@example.com' } })).toBe(1);
    expect(await db().membership.count({ where: { orgId: org.orgId } })).toBe(4);
  });

  it.each([
    [
      'an unknown token',
      { token: 'A'.repeat(43), name: 'X', password: newPassword },
      'INVITE_UNUSABLE',
    ],
    ['a malformed token', { token: 'short', name: 'X', password: newPassword }, 'INVALID_INPUT'],
    ['an empty name', { name: '', password: newPassword }, 'INVALID_INPUT'],
    ['an oversized name', { name: 'x'.repeat(121), password: newPassword }, 'INVALID_INPUT'],
    [
      'a name with a right-to-left override',
      { name: 'Ivy\u202Eevil', password: newPassword },
      'INVALID_INPUT',
    ],
    [
      'a name with a zero-width space',
      { name: 'I\u200Bvy', password: newPassword },
      'INVALID_INPUT',
    ],
    ['a short password', { name: 'X', password: 'short' }, 'INVALID_INPUT'],
    ['an extra field', { name: 'X', password: newPassword, role: 'owner' }, 'INVALID_INPUT'],
  ] as const)('refuses %s and changes nothing', async (_name, change, code) => {
    const org = await seedOrg({ prisma: db() });
    const { token } = await invite(org);
    const before = await snapshotDatabase(db());
    await expectAppError(acceptInvite({ db: db(), input: { token, ...change }, now }), code);
    expect(await snapshotDatabase(db())).toBe(before);
  });
});

// An admin of one organization must not learn from an invite whether its email has an account
// in another: the invite page and every refusal read the same until the person proves the
// account is theirs with its password.
describe('accepting with an account from another organization', () => {
  async function inviteSomeoneFromElsewhere() {
    const org = await seedOrg({ prisma: db() });
    const other = await seedOrg({ prisma: db() });
    const existing = other.auditor;
    const { token, inviteId } = await invite(org, existing.user.email);
    return { org, other, existing, token, inviteId };
  }

  it('joins the existing account with its password, and changes nothing else about it', async () => {
    const { org, other, existing, token, inviteId } = await inviteSomeoneFromElsewhere();
    const accepted = await acceptInviteWithPassword({
      db: db(),
      input: { token, password: existing.password },
      ip: '192.0.2.4',
      now,
    });
    expect(accepted).toEqual({
      userId: existing.user.id,
      orgId: org.orgId,
      email: existing.user.email,
      role: 'auditor',
      accountCreated: false,
    });
    const user = await db().user.findUniqueOrThrow({ where: { id: existing.user.id } });
    expect(user).toEqual(existing.user);
    expect(
      (await db().membership.findMany({ where: { userId: user.id } })).map((row) => row.orgId),
    ).toEqual(expect.arrayContaining([org.orgId, other.orgId]));
    expect(
      (await db().invite.findUniqueOrThrow({ where: { id: inviteId } })).acceptedAt,
    ).not.toBeNull();
    const joined = await db().activityLogEntry.findMany({
      where: { orgId: org.orgId },
      orderBy: { seq: 'asc' },
    });
    expect(joined.map((entry) => [entry.action, entry.actorUserId])).toEqual([
      ['invite_created', org.admin.user.id],
      ['invite_accepted', existing.user.id],
    ]);
    // The other organization's log does not hear about it.
    expect(await db().activityLogEntry.count({ where: { orgId: other.orgId } })).toBe(0);
    // And the account still signs in with the same password.
    await expect(
      signInWithPassword({ db: db(), input: { email: user.email, password: existing.password } }),
    ).resolves.toMatchObject({ userId: user.id });
  });

  it('joins the existing account through "create your account" too, when the password is its own', async () => {
    const { org, existing, token } = await inviteSomeoneFromElsewhere();
    const accepted = await acceptInvite({
      db: db(),
      input: { token, name: 'Someone Else Entirely', password: existing.password },
      now,
    });
    expect(accepted).toMatchObject({ userId: existing.user.id, accountCreated: false });
    const user = await db().user.findUniqueOrThrow({ where: { id: existing.user.id } });
    expect(user.name).toBe(existing.user.name);
    expect(await db().membership.count({ where: { userId: user.id, orgId: org.orgId } })).toBe(1);
  });

  it('refuses a wrong password with the answer an email without an account gets, changing only the failure counters', async () => {
    const { existing, token } = await inviteSomeoneFromElsewhere();
    const fresh = await seedOrg({ prisma: db() });
    const unknown = await invite(fresh, 'nobody-yet@example.com');
    const before = await snapshotDatabase(db());
    const refusals = [
      // Creating an account for an email that has one, with some other password…
      await expectAppError(
        acceptInvite({ db: db(), input: { token, name: 'Mallory', password: newPassword }, now }),
        'INVALID_CREDENTIALS',
      ),
      // …and signing in to accept with a wrong one…
      await expectAppError(
        acceptInviteWithPassword({ db: db(), input: { token, password: 'not the password' }, now }),
        'INVALID_CREDENTIALS',
      ),
    ];
    // …read exactly as signing in to accept does for an email with no account at all.
    const noAccount = await expectAppError(
      acceptInviteWithPassword({
        db: db(),
        input: { token: unknown.token, password: newPassword },
        now,
      }),
      'INVALID_CREDENTIALS',
    );
    for (const refusal of refusals) {
      expect([refusal.code, refusal.message, refusal.fieldErrors]).toEqual([
        noAccount.code,
        noAccount.message,
        noAccount.fieldErrors,
      ]);
      expect(refusal.message).not.toMatch(/exist|already/i);
    }
    // Each wrong password counted against the account, as a sign-in would, and so did the
    // guess at the email without an account.
    const counters = await db().signInThrottle.findMany({ orderBy: { key: 'asc' } });
    expect(Object.fromEntries(counters.map((counter) => [counter.key, counter.failures]))).toEqual({
      [`account:${existing.user.email}`]: 2,
      'account:nobody-yet@example.com': 1,
    });
    // Apart from those counters, nothing changed: no account, membership, password or invite.
    await db().signInThrottle.deleteMany();
    expect(await snapshotDatabase(db())).toBe(before);
  });

  it('counts wrong passwords towards the sign-in lockout, which reads the same for an email without an account', async () => {
    const { existing, token } = await inviteSomeoneFromElsewhere();
    const fresh = await seedOrg({ prisma: db() });
    const unknown = await invite(fresh, 'nobody-yet@example.com');
    const lockMessages: string[] = [];
    for (const inviteToken of [token, unknown.token]) {
      for (let attempt = 1; attempt < 5; attempt += 1) {
        await expectAppError(
          acceptInviteWithPassword({
            db: db(),
            input: { token: inviteToken, password: 'wrong!' },
            now,
          }),
          'INVALID_CREDENTIALS',
        );
      }
      const locked = await expectAppError(
        acceptInviteWithPassword({
          db: db(),
          input: { token: inviteToken, password: 'wrong!' },
          now,
        }),
        'SIGN_IN_LOCKED',
      );
      lockMessages.push(locked.message);
    }
    expect(lockMessages[0]).toBe(lockMessages[1]);
    // The lock is the sign-in lock: the right password no longer signs in either.
    await expectAppError(
      signInWithPassword({
        db: db(),
        input: { email: existing.user.email, password: existing.password },
        now,
      }),
      'SIGN_IN_LOCKED',
    );
  });

  it('shows the same invite page whether or not the email has an account', async () => {
    const { org, token } = await inviteSomeoneFromElsewhere();
    const { token: freshToken } = await invite(org, 'nobody-yet@example.com');
    const existingPreview = await getInviteByToken({ db: db(), token, now });
    const freshPreview = await getInviteByToken({ db: db(), token: freshToken, now });
    expect(existingPreview).not.toBeNull();
    expect({ ...existingPreview, email: 'x' }).toEqual({ ...freshPreview, email: 'x' });
  });

  it('refuses someone who is already a member, once they have proved who they are', async () => {
    const { org, existing, token } = await inviteSomeoneFromElsewhere();
    await db().membership.create({
      data: { orgId: org.orgId, userId: existing.user.id, role: 'admin' },
    });
    const before = await snapshotDatabase(db());
    await expectAppError(
      acceptInviteWithPassword({ db: db(), input: { token, password: existing.password }, now }),
      'CONFLICT',
    );
    expect(await snapshotDatabase(db())).toBe(before);
  });
});

// Removing someone's last membership deletes their account in the same transaction, but an
// installation may still hold an account in no organization (from before that was so). It
// cannot sign in; it must not stand in the way of inviting the person again.
describe('accepting for an email whose account is in no organization', () => {
  it('replaces the leftover account with the new one, ending its sessions', async () => {
    const org = await seedOrg({ prisma: db() });
    const leftover = await createUser({
      prisma: db(),
      email: 'returning@example.com',
      name: 'Old Name',
      passwordHash: await hashPassword(testPassword),
    });
    await db().$transaction((tx) => createSession({ tx, userId: leftover.id }));
    const { token } = await invite(org, 'returning@example.com');

    // Its old password opens nothing: an account in no organization is no account.
    await expectAppError(
      acceptInviteWithPassword({ db: db(), input: { token, password: testPassword }, now }),
      'INVALID_CREDENTIALS',
    );
    const accepted = await acceptInvite({
      db: db(),
      input: { token, name: 'New Name', password: newPassword },
      now,
    });
    expect(accepted).toMatchObject({ accountCreated: true, email: 'returning@example.com' });
    expect(accepted.userId).not.toBe(leftover.id);
    expect(await db().user.findUnique({ where: { id: leftover.id } })).toBeNull();
    expect(await db().session.count({ where: { userId: leftover.id } })).toBe(0);
    const user = await db().user.findUniqueOrThrow({ where: { email: 'returning@example.com' } });
    expect(user.name).toBe('New Name');
    await expect(
      signInWithPassword({
        db: db(),
        input: { email: 'returning@example.com', password: newPassword },
        now,
      }),
    ).resolves.toMatchObject({ userId: user.id });
  });
});

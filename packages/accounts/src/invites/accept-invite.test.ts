import { describe, expect, it } from 'vitest';
import { expectAppError } from '../testing/expect-app-error';
import { type SeededOrg, seedOrg } from '../testing/seed-member';
import { setupTestDatabase } from '../testing/setup-test-database';
import { snapshotDatabase } from '../testing/snapshot-database';
import { acceptInvite } from './accept-invite';
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

  it('never sets the password of an existing account, and leaves the invite usable', async () => {
    const org = await seedOrg({ prisma: db() });
    const other = await seedOrg({ prisma: db() });
    const { token, inviteId } = await invite(org, other.admin.user.email);
    const before = await snapshotDatabase(db());
    await expectAppError(
      acceptInvite({ db: db(), input: { token, name: 'Takeover', password: newPassword }, now }),
      'CONFLICT',
    );
    expect(await snapshotDatabase(db())).toBe(before);
    expect(
      (await db().invite.findUniqueOrThrow({ where: { id: inviteId } })).acceptedAt,
    ).toBeNull();
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

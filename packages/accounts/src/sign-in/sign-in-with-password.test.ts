import { createOrg } from '@parapet/db/testing';
import { describe, expect, it } from 'vitest';
import { hashSecretToken } from '../shared/tokens';
import { expectAppError } from '../testing/expect-app-error';
import { seedMember, testPassword } from '../testing/seed-member';
import { setupTestDatabase } from '../testing/setup-test-database';
import { snapshotDatabase } from '../testing/snapshot-database';
import { signInWithPassword } from './sign-in-with-password';

const db = setupTestDatabase();
const start = new Date('2030-01-01T09:00:00Z');
const minutes = (count: number) => new Date(start.getTime() + count * 60_000);

async function seedAccount() {
  const org = await createOrg({ prisma: db() });
  return seedMember({ prisma: db(), orgId: org.id, role: 'admin', email: 'ana@example.com' });
}

function attempt(email: string, password: string, options: { ip?: string; now?: Date } = {}) {
  return signInWithPassword({
    db: db(),
    input: { email, password },
    ip: options.ip ?? '192.0.2.1',
    now: options.now ?? start,
  });
}

describe('signInWithPassword', () => {
  it('starts a session whose token is stored only as its SHA-256, and records sign_in', async () => {
    const member = await seedAccount();
    const result = await attempt('ANA@example.com', testPassword);
    expect(result.userId).toBe(member.user.id);
    const sessions = await db().session.findMany();
    expect(sessions).toHaveLength(1);
    expect(sessions[0]?.sessionToken).toBe(hashSecretToken(result.sessionToken));
    expect(sessions[0]?.sessionToken).not.toBe(result.sessionToken);
    const activity = await db().activityLogEntry.findMany({ where: { orgId: member.actor.orgId } });
    expect(activity.map((row) => row.action)).toEqual(['sign_in']);
  });

  it.each([
    ['a wrong password', 'ana@example.com', 'not the password at all'],
    ['an unknown email', 'nobody@example.com', testPassword],
  ])('refuses %s with the same message and starts no session', async (_name, email, password) => {
    await seedAccount();
    const error = await expectAppError(attempt(email, password), 'INVALID_CREDENTIALS');
    expect(error.message).toBe('The email or password is incorrect.');
    expect(await db().session.count()).toBe(0);
  });

  it('locks the account after 5 failures, says for how long, and records the lockout', async () => {
    const member = await seedAccount();
    for (let failure = 1; failure <= 4; failure += 1) {
      await expectAppError(
        attempt('ana@example.com', 'wrong password!', { now: minutes(failure) }),
        'INVALID_CREDENTIALS',
      );
    }
    const locked = await expectAppError(
      attempt('ana@example.com', 'wrong password!', { now: minutes(5) }),
      'SIGN_IN_LOCKED',
    );
    expect(locked.message).toBe(
      'Too many failed sign-in attempts. This account is locked for 15 minutes.',
    );
    // Even the right password is refused while locked, from any address.
    const stillLocked = await expectAppError(
      attempt('ana@example.com', testPassword, { now: minutes(10), ip: '198.51.100.7' }),
      'SIGN_IN_LOCKED',
    );
    expect(stillLocked.message).toMatch(/locked for 10 minutes/);
    const lockouts = await db().activityLogEntry.findMany({
      where: { orgId: member.actor.orgId, action: 'sign_in_lockout' },
    });
    expect(lockouts).toHaveLength(1);
    // The system did the locking: no actor, the account as the target, the limit that applied.
    expect(lockouts[0]).toMatchObject({
      actorUserId: null,
      actorEmail: null,
      target: 'ana@example.com',
      details: { scope: 'account', failures: 5, lockedUntil: minutes(20).toISOString() },
      ip: '192.0.2.1',
    });
    expect(await db().session.count()).toBe(0);
  });

  it('unlocks once the lock has run out', async () => {
    await seedAccount();
    for (let failure = 1; failure <= 5; failure += 1) {
      await attempt('ana@example.com', 'wrong password!', { now: minutes(failure) }).catch(
        () => {},
      );
    }
    await expectAppError(
      attempt('ana@example.com', testPassword, { now: minutes(19) }),
      'SIGN_IN_LOCKED',
    );
    const result = await attempt('ana@example.com', testPassword, { now: minutes(21) });
    expect(result.sessionToken).toBeTruthy();
    expect(
      await db().signInThrottle.findUnique({ where: { key: 'account:ana@example.com' } }),
    ).toBeNull();
  });

  it('counts failures per window: old failures do not add up to a lock', async () => {
    await seedAccount();
    for (let failure = 0; failure < 4; failure += 1) {
      await attempt('ana@example.com', 'wrong password!', { now: minutes(failure) }).catch(
        () => {},
      );
    }
    // The window (15 minutes from the first failure) has passed: this failure starts a new one.
    await expectAppError(
      attempt('ana@example.com', 'wrong password!', { now: minutes(16) }),
      'INVALID_CREDENTIALS',
    );
    expect(await attempt('ana@example.com', testPassword, { now: minutes(17) })).toBeTruthy();
  });

  it('locks an unknown email the same way, so lockouts do not reveal accounts', async () => {
    await seedAccount();
    for (let failure = 1; failure <= 4; failure += 1) {
      await attempt('ghost@example.com', 'wrong password!', { now: minutes(failure) }).catch(
        () => {},
      );
    }
    const locked = await expectAppError(
      attempt('ghost@example.com', 'wrong password!', { now: minutes(5) }),
      'SIGN_IN_LOCKED',
    );
    expect(locked.message).toBe(
      'Too many failed sign-in attempts. This account is locked for 15 minutes.',
    );
  });

  it('locks an address after 20 failures across accounts, leaving other addresses alone', async () => {
    await seedAccount();
    for (let failure = 1; failure <= 19; failure += 1) {
      await expectAppError(
        attempt(`guess-${failure}@example.com`, 'wrong password!', { ip: '203.0.113.9' }),
        'INVALID_CREDENTIALS',
      );
    }
    const locked = await expectAppError(
      attempt('guess-20@example.com', 'wrong password!', { ip: '203.0.113.9' }),
      'SIGN_IN_LOCKED',
    );
    expect(locked.message).toMatch(/from your network.*locked for 15 minutes/);
    await expectAppError(
      attempt('ana@example.com', testPassword, { ip: '203.0.113.9' }),
      'SIGN_IN_LOCKED',
    );
    expect(await attempt('ana@example.com', testPassword, { ip: '198.51.100.7' })).toBeTruthy();
  });

  it('does not let parallel guesses overshoot the account limit', async () => {
    await seedAccount();
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, () => attempt('ana@example.com', 'wrong password!')),
    );
    const codes = results.map((result) =>
      result.status === 'rejected' ? result.reason.code : 'ok',
    );
    expect(codes.filter((code) => code === 'INVALID_CREDENTIALS')).toHaveLength(4);
    expect(codes.filter((code) => code === 'SIGN_IN_LOCKED')).toHaveLength(4);
  });

  it.each([
    ['an empty email', { email: '', password: testPassword }],
    ['a malformed email', { email: 'ana-at-example.com', password: testPassword }],
    ['an empty password', { email: 'ana@example.com', password: '' }],
    ['an oversized password', { email: 'ana@example.com', password: 'x'.repeat(201) }],
    ['an extra field', { email: 'ana@example.com', password: testPassword, remember: 'yes' }],
  ])('refuses %s without counting a failure', async (_name, input) => {
    await seedAccount();
    const before = await snapshotDatabase(db());
    await expectAppError(
      signInWithPassword({ db: db(), input, ip: '192.0.2.1', now: start }),
      'INVALID_INPUT',
    );
    expect(await snapshotDatabase(db())).toBe(before);
  });
});

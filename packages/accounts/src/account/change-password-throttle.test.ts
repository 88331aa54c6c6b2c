import { createOrg } from '@parapet/db/testing';
import { describe, expect, it } from 'vitest';
import { createSession } from '../sessions/create-session';
import { readSession } from '../sessions/read-session';
import { signInWithPassword } from '../sign-in/sign-in-with-password';
import { throttlePolicy } from '../sign-in/throttle-policy';
import { expectAppError } from '../testing/expect-app-error';
import { seedMember, testPassword } from '../testing/seed-member';
import { setupTestDatabase } from '../testing/setup-test-database';
import { snapshotDatabase } from '../testing/snapshot-database';
import { changePassword } from './change-password';

// Someone holding a stolen session cookie must not be able to guess the password through the
// Account page: its current-password check counts against the same limits as sign-in.
const db = setupTestDatabase();
const start = new Date('2030-01-01T09:00:00Z');
const newPassword = 'an entirely new passphrase';
const { maxFailures } = throttlePolicy.account;

async function seed() {
  const org = await createOrg({ prisma: db() });
  const member = await seedMember({
    prisma: db(),
    orgId: org.id,
    role: 'auditor',
    email: 'pat@example.com',
  });
  const current = await db().$transaction((tx) =>
    createSession({ tx, userId: member.user.id, now: start }),
  );
  return { member, current };
}

function change(
  seeded: Awaited<ReturnType<typeof seed>>,
  currentPassword: string,
  ip = '192.0.2.1',
) {
  return changePassword({
    db: db(),
    actor: seeded.member.actor,
    input: { currentPassword, password: newPassword },
    sessionToken: seeded.current.sessionToken,
    ip,
    now: start,
  });
}

describe('changePassword, against password guessing', () => {
  it('locks the account after 5 wrong current passwords, ends this session and records it', async () => {
    const seeded = await seed();
    for (let failure = 1; failure < maxFailures; failure += 1) {
      await expectAppError(change(seeded, 'not my password'), 'INVALID_INPUT');
    }
    const locked = await expectAppError(change(seeded, 'not my password'), 'SIGN_IN_LOCKED');
    expect(locked.message).toMatch(/locked for 15 minutes/);
    expect(locked.message).toMatch(/signed out/);
    expect(
      await readSession({ db: db(), sessionToken: seeded.current.sessionToken, now: start }),
    ).toBeNull();
    const lockouts = await db().activityLogEntry.findMany({
      where: { orgId: seeded.member.actor.orgId, action: 'sign_in_lockout' },
    });
    expect(lockouts).toHaveLength(1);
    expect(lockouts[0]).toMatchObject({
      actorUserId: null,
      target: 'pat@example.com',
      details: { scope: 'account', failures: maxFailures, trigger: 'change_password' },
      ip: '192.0.2.1',
    });
    // The lock is the account's: signing in with the right password is refused too.
    await expectAppError(
      signInWithPassword({
        db: db(),
        input: { email: 'pat@example.com', password: testPassword },
        ip: '198.51.100.7',
        now: start,
      }),
      'SIGN_IN_LOCKED',
    );
  });

  it('counts failures together with sign-in', async () => {
    const seeded = await seed();
    for (let failure = 1; failure < maxFailures; failure += 1) {
      await expectAppError(
        signInWithPassword({
          db: db(),
          input: { email: 'pat@example.com', password: 'wrong password!' },
          ip: '198.51.100.7',
          now: start,
        }),
        'INVALID_CREDENTIALS',
      );
    }
    await expectAppError(change(seeded, 'not my password'), 'SIGN_IN_LOCKED');
  });

  it('refuses while the account is locked, even the right password, and keeps the session', async () => {
    const seeded = await seed();
    for (let failure = 1; failure <= maxFailures; failure += 1) {
      await signInWithPassword({
        db: db(),
        input: { email: 'pat@example.com', password: 'wrong password!' },
        ip: '198.51.100.7',
        now: start,
      }).catch(() => {});
    }
    const before = await snapshotDatabase(db());
    const locked = await expectAppError(change(seeded, testPassword), 'SIGN_IN_LOCKED');
    expect(locked.message).toMatch(/locked for 15 minutes/);
    expect(locked.message).not.toMatch(/signed out/);
    expect(await snapshotDatabase(db())).toBe(before);
  });

  it('refuses from an address that is locked', async () => {
    const seeded = await seed();
    for (let failure = 1; failure <= throttlePolicy.address.maxFailures; failure += 1) {
      await signInWithPassword({
        db: db(),
        input: { email: `guess-${failure}@example.com`, password: 'wrong password!' },
        ip: '203.0.113.9',
        now: start,
      }).catch(() => {});
    }
    await expectAppError(change(seeded, testPassword, '203.0.113.9'), 'SIGN_IN_LOCKED');
    expect(await change(seeded, testPassword, '198.51.100.7')).toEqual({ otherSessionsEnded: 0 });
  });
});

import { createOrg } from '@parapet/db/testing';
import { describe, expect, it } from 'vitest';
import { expectAppError } from '../testing/expect-app-error';
import { seedMember, testPassword } from '../testing/seed-member';
import { setupTestDatabase } from '../testing/setup-test-database';
import { signInWithPassword } from './sign-in-with-password';
import { throttlePolicy } from './throttle-policy';

// How the throttle counters are stored: what an attempt may write, and how the table is kept
// from growing without bound. (What the lockouts do is in sign-in-with-password.test.ts.)
const db = setupTestDatabase();
const start = new Date('2030-01-01T09:00:00Z');
const minutes = (count: number) => new Date(start.getTime() + count * 60_000);

function attempt(email: string, password: string, options: { ip?: string; now?: Date } = {}) {
  return signInWithPassword({
    db: db(),
    input: { email, password },
    ip: options.ip ?? '192.0.2.1',
    now: options.now ?? start,
  });
}

async function lockAddress(ip: string) {
  for (let failure = 1; failure <= throttlePolicy.address.maxFailures; failure += 1) {
    await attempt(`guess-${failure}@example.com`, 'wrong password!', { ip }).catch(() => {});
  }
  await expectAppError(
    attempt('one-more@example.com', 'wrong password!', { ip }),
    'SIGN_IN_LOCKED',
  );
}

async function throttleKeys(): Promise<string[]> {
  const rows = await db().signInThrottle.findMany({
    select: { key: true },
    orderBy: { key: 'asc' },
  });
  return rows.map((row) => row.key);
}

describe('the sign-in throttle table', () => {
  it('refuses a locked address before it reads or writes any account counter', async () => {
    await lockAddress('203.0.113.9');
    const before = await throttleKeys();
    for (let guess = 0; guess < 30; guess += 1) {
      await expectAppError(
        attempt(`spray-${guess}@example.com`, 'wrong password!', { ip: '203.0.113.9' }),
        'SIGN_IN_LOCKED',
      );
    }
    expect(await throttleKeys()).toEqual(before);
  });

  it('writes nothing for a sign-in that succeeds at the first try', async () => {
    const org = await createOrg({ prisma: db() });
    await seedMember({ prisma: db(), orgId: org.id, role: 'admin', email: 'ana@example.com' });
    await attempt('ana@example.com', testPassword);
    expect(await throttleKeys()).toEqual([]);
  });

  it('locks one IPv6 /64 as one address', async () => {
    for (let failure = 1; failure <= throttlePolicy.address.maxFailures - 1; failure += 1) {
      await expectAppError(
        attempt(`guess-${failure}@example.com`, 'wrong password!', {
          ip: `2001:db8:1:2::${failure.toString(16)}`,
        }),
        'INVALID_CREDENTIALS',
      );
    }
    const locked = await expectAppError(
      attempt('last@example.com', 'wrong password!', { ip: '2001:db8:1:2:ffff::9' }),
      'SIGN_IN_LOCKED',
    );
    expect(locked.message).toMatch(/from your network/);
    // The neighbouring /64 belongs to someone else.
    await expectAppError(
      attempt('other@example.com', 'wrong password!', { ip: '2001:db8:1:3::1' }),
      'INVALID_CREDENTIALS',
    );
    expect(await throttleKeys()).toContain('address:2001:db8:1:2::/64');
  });

  it('deletes expired counters as it goes, a bounded number per attempt', async () => {
    const longAgo = minutes(-120);
    const expired = Array.from({ length: 120 }, (_, index) => ({
      key: `account:expired-${String(index).padStart(3, '0')}@example.com`,
      failures: 3,
      windowStart: longAgo,
      lockedUntil: index % 2 === 0 ? null : minutes(-90),
    }));
    const live = [
      // Still counting: its window started a minute ago.
      {
        key: 'account:counting@example.com',
        failures: 2,
        windowStart: minutes(-1),
        lockedUntil: null,
      },
      // Its window is over, but its lock is not.
      { key: 'address:198.51.100.1', failures: 20, windowStart: longAgo, lockedUntil: minutes(60) },
    ];
    await db().signInThrottle.createMany({ data: [...expired, ...live] });

    await attempt('someone@example.com', 'wrong password!').catch(() => {});
    const afterOne = await throttleKeys();
    const expiredLeft = afterOne.filter((key) => key.startsWith('account:expired-'));
    expect(expiredLeft.length).toBeLessThan(expired.length);
    expect(expiredLeft.length).toBeGreaterThanOrEqual(expired.length - 50);
    for (const { key } of live) expect(afterOne).toContain(key);

    for (let round = 0; round < 10; round += 1) {
      await attempt('someone-else@example.com', 'wrong password!', { now: minutes(round) }).catch(
        () => {},
      );
    }
    const afterMany = await throttleKeys();
    expect(afterMany.filter((key) => key.startsWith('account:expired-'))).toEqual([]);
    for (const { key } of live) expect(afterMany).toContain(key);
  });
});

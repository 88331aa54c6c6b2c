import { createPrismaClient, isDatabaseBusy, type PrismaClient } from '@parapet/db';
import { createOrg, createTestDatabase, type TestDatabase } from '@parapet/db/testing';
import { isAppError } from '@parapet/errors';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedMember } from '../testing/seed-member';
import { signInWithPassword } from './sign-in-with-password';
import { throttlePolicy } from './throttle-policy';

// Many concurrent wrong passwords through a pool far smaller than the burst, as a flood against
// one console meets it. Every attempt must end as a refusal the sign-in form knows (wrong
// password, locked) or, at worst, as the database being busy (which the console answers with
// "try again"); and the counters must hold exactly the failures that were answered as such:
// none lost to a concurrent update, none past the limit.
const burst = 60;
const poolSize = 2;
const start = new Date('2030-01-01T09:00:00Z');

let database: TestDatabase | undefined;
let smallPool: PrismaClient | undefined;
beforeEach(async () => {
  database = await createTestDatabase();
  smallPool = createPrismaClient({ databaseUrl: database.databaseUrl, maxConnections: poolSize });
});
afterEach(async () => {
  await smallPool?.$disconnect();
  await database?.drop();
});

function db(): PrismaClient {
  if (!database) throw new Error('No database outside a test.');
  return database.prisma;
}

type Answer = 'INVALID_CREDENTIALS' | 'SIGN_IN_LOCKED' | 'busy' | 'unexpected';

async function flood(attempts: { email: string; ip: string }[]): Promise<Answer[]> {
  const results = await Promise.allSettled(
    attempts.map(({ email, ip }) =>
      signInWithPassword({
        db: smallPool as PrismaClient,
        input: { email, password: 'not the password' },
        ip,
        now: start,
      }),
    ),
  );
  return results.map((result) => {
    if (result.status === 'fulfilled') return 'unexpected';
    const error: unknown = result.reason;
    if (
      isAppError(error) &&
      (error.code === 'INVALID_CREDENTIALS' || error.code === 'SIGN_IN_LOCKED')
    )
      return error.code;
    return isDatabaseBusy(error) ? 'busy' : 'unexpected';
  });
}

function tally(answers: Answer[]) {
  const count = (answer: Answer) => answers.filter((candidate) => candidate === answer).length;
  return {
    invalid: count('INVALID_CREDENTIALS'),
    locked: count('SIGN_IN_LOCKED'),
    unexpected: count('unexpected'),
    answered: answers.length - count('busy'),
  };
}

async function counter(key: string) {
  return db().signInThrottle.findUnique({ where: { key } });
}

describe('signInWithPassword under a flood of wrong passwords', () => {
  it('counts every failure against one account, from many addresses, and locks at the limit', async () => {
    const org = await createOrg({ prisma: db() });
    await seedMember({ prisma: db(), orgId: org.id, role: 'admin', email: 'ana@example.com' });
    const answers = await flood(
      Array.from({ length: burst }, (_, index) => ({
        email: 'ana@example.com',
        ip: `198.51.100.${index + 1}`,
      })),
    );
    const { invalid, locked, unexpected, answered } = tally(answers);
    expect(unexpected).toBe(0);
    const { maxFailures } = throttlePolicy.account;
    // Until the limit, every answered attempt counts; after it, every one is refused unread.
    const counted = Math.min(maxFailures, answered);
    expect(invalid).toBe(counted === maxFailures ? maxFailures - 1 : counted);
    expect(locked).toBe(answered - invalid);
    // Each counted failure wrote its own address's counter, once.
    const addressCounters = await db().signInThrottle.findMany({
      where: { key: { startsWith: 'address:' } },
    });
    expect(addressCounters).toHaveLength(counted);
    for (const row of addressCounters) expect(row.failures).toBe(1);
    const account = await counter('account:ana@example.com');
    expect(account?.failures).toBe(counted);
    expect(account?.lockedUntil !== null).toBe(counted === maxFailures);
    const lockouts = await db().activityLogEntry.count({ where: { action: 'sign_in_lockout' } });
    expect(lockouts).toBe(counted === maxFailures ? 1 : 0);
    expect(await db().session.count()).toBe(0);
  });

  it('counts every failure when nothing locks: many accounts from many addresses', async () => {
    const answers = await flood(
      Array.from({ length: burst }, (_, index) => ({
        email: `guess-${index}@example.com`,
        ip: `198.51.100.${index + 1}`,
      })),
    );
    const { invalid, unexpected, answered } = tally(answers);
    expect(unexpected).toBe(0);
    expect(invalid).toBe(answered);
    const counters = await db().signInThrottle.findMany();
    expect(counters).toHaveLength(2 * answered);
    for (const row of counters) expect(row).toMatchObject({ failures: 1, lockedUntil: null });
  });

  it('counts every failure from one address, across many accounts, and locks at the limit', async () => {
    const answers = await flood(
      Array.from({ length: burst }, (_, index) => ({
        email: `guess-${index}@example.com`,
        ip: '203.0.113.9',
      })),
    );
    const { invalid, locked, unexpected, answered } = tally(answers);
    expect(unexpected).toBe(0);
    const { maxFailures } = throttlePolicy.address;
    const counted = Math.min(maxFailures, answered);
    expect(invalid).toBe(counted === maxFailures ? maxFailures - 1 : counted);
    expect(locked).toBe(answered - invalid);
    const address = await counter('address:203.0.113.9');
    expect(address?.failures).toBe(counted);
    expect(address?.lockedUntil !== null).toBe(counted === maxFailures);
    // A refused attempt never reached its account's counter.
    const accountCounters = await db().signInThrottle.count({
      where: { key: { startsWith: 'account:' } },
    });
    expect(accountCounters).toBe(counted);
  });
});

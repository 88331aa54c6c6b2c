import { createOrg } from '@parapet/db/testing';
import { describe, expect, it } from 'vitest';
import { hashSecretToken } from '../shared/tokens';
import { seedMember } from '../testing/seed-member';
import { setupTestDatabase } from '../testing/setup-test-database';
import { createSession } from './create-session';
import { readSession } from './read-session';
import { sessionPolicy } from './session-policy';

const db = setupTestDatabase();
const start = new Date('2030-01-01T08:00:00Z');
const at = (minutes: number) => new Date(start.getTime() + minutes * 60_000);
const idleMinutes = sessionPolicy.idleSeconds / 60;

async function startSession() {
  const org = await createOrg({ prisma: db() });
  const member = await seedMember({ prisma: db(), orgId: org.id, role: 'auditor' });
  const session = await db().$transaction((tx) =>
    createSession({ tx, userId: member.user.id, now: start }),
  );
  return { member, session };
}

describe('sessions', () => {
  it('store only the SHA-256 of the cookie token', async () => {
    const { session } = await startSession();
    const rows = await db().session.findMany();
    expect(rows.map((row) => row.sessionToken)).toEqual([hashSecretToken(session.sessionToken)]);
    // The stored value does not work as a cookie.
    expect(
      await readSession({ db: db(), sessionToken: rows[0]?.sessionToken, now: at(1) }),
    ).toBeNull();
  });

  it('resolve the cookie token to the user', async () => {
    const { member, session } = await startSession();
    const read = await readSession({ db: db(), sessionToken: session.sessionToken, now: at(1) });
    expect(read).toMatchObject({ userId: member.user.id, email: member.user.email });
  });

  it.each([undefined, '', 'not-a-session'])(
    'answer null for the token %j',
    async (sessionToken) => {
      await startSession();
      expect(await readSession({ db: db(), sessionToken, now: at(1) })).toBeNull();
    },
  );

  it('end after the idle timeout, and are deleted', async () => {
    const { session } = await startSession();
    expect(
      await readSession({ db: db(), sessionToken: session.sessionToken, now: at(idleMinutes + 1) }),
    ).toBeNull();
    expect(await db().session.count()).toBe(0);
  });

  it('slide while used, but never past the absolute limit', async () => {
    const { session } = await startSession();
    const step = idleMinutes - 10;
    let now = 0;
    // Keep the session busy: each read comes before the idle deadline.
    while (now + step < 12 * 60) {
      now += step;
      expect(
        await readSession({ db: db(), sessionToken: session.sessionToken, now: at(now) }),
      ).not.toBeNull();
    }
    const justBeforeEnd = await readSession({
      db: db(),
      sessionToken: session.sessionToken,
      now: at(12 * 60 - 1),
    });
    expect(justBeforeEnd?.expires.toISOString()).toBe(at(12 * 60).toISOString());
    expect(
      await readSession({ db: db(), sessionToken: session.sessionToken, now: at(12 * 60) }),
    ).toBeNull();
  });
});

import type { PrismaClient } from '@parapet/db';
import { createOrg } from '@parapet/db/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { changePassword } from '../account/change-password';
import { acceptInvite, acceptInviteWithPassword } from '../invites/accept-invite';
import { createInvite } from '../invites/create-invite';
import { setupOrganization } from '../setup/setup-organization';
import { signInWithPassword } from '../sign-in/sign-in-with-password';
import { seedMember, seedOrg, testPassword } from '../testing/seed-member';
import { setupTestDatabase } from '../testing/setup-test-database';

// Hashing or verifying a password (argon2) takes tens of milliseconds of CPU. Done inside a
// transaction, it holds a pooled connection (and whatever the transaction has locked) all that
// time, and a burst of sign-ins exhausts the pool: requests then fail instead of waiting their
// turn. So every hash and verification must run with no transaction of ours open. Each call
// into ./passwords asks Postgres, from another connection, how many transactions the test's
// database has open at that moment.
const watch = vi.hoisted(() => ({
  countOpenTransactions: undefined as undefined | (() => Promise<number>),
  seen: [] as { call: string; openTransactions: number }[],
}));

vi.mock('./passwords', async (importOriginal) => {
  const passwords = await importOriginal<typeof import('./passwords')>();
  const observe = async (call: string) => {
    if (!watch.countOpenTransactions) return;
    watch.seen.push({ call, openTransactions: await watch.countOpenTransactions() });
  };
  return {
    ...passwords,
    hashPassword: async (password: string) => {
      await observe('hashPassword');
      return passwords.hashPassword(password);
    },
    verifyPassword: async (options: Parameters<typeof passwords.verifyPassword>[0]) => {
      await observe('verifyPassword');
      return passwords.verifyPassword(options);
    },
  };
});

const db = setupTestDatabase();

/** Starts counting open transactions at every password call; returns what was seen. */
function watchPasswordCalls(prisma: PrismaClient) {
  watch.seen = [];
  watch.countOpenTransactions = async () => {
    const [row] = await prisma.$queryRaw<{ open: number }[]>`
      SELECT count(*)::int AS open FROM pg_stat_activity
      WHERE datname = current_database() AND pid <> pg_backend_pid() AND xact_start IS NOT NULL`;
    return row?.open ?? 0;
  };
  return watch.seen;
}

afterEach(() => {
  watch.countOpenTransactions = undefined;
});

async function seedAccount() {
  const org = await createOrg({ prisma: db() });
  return seedMember({ prisma: db(), orgId: org.id, role: 'admin', email: 'ana@example.com' });
}

describe('password hashing and verification run with no transaction open', () => {
  it.each([
    ['a right password', 'ana@example.com', testPassword],
    ['a wrong password', 'ana@example.com', 'not the password at all'],
    ['an unknown email (the dummy verification)', 'nobody@example.com', testPassword],
  ])('when signing in with %s', async (_name, email, password) => {
    await seedAccount();
    const seen = watchPasswordCalls(db());
    await signInWithPassword({ db: db(), input: { email, password }, ip: '192.0.2.1' }).catch(
      () => {},
    );
    expect(seen).toEqual([{ call: 'verifyPassword', openTransactions: 0 }]);
  });

  it.each([
    ['the right current password', testPassword, 2],
    ['a wrong current password', 'not my password', 1],
  ])('when changing the password with %s', async (_name, currentPassword, calls) => {
    const member = await seedAccount();
    const seen = watchPasswordCalls(db());
    await changePassword({
      db: db(),
      actor: member.actor,
      input: { currentPassword, password: 'an entirely new passphrase' },
      ip: '192.0.2.1',
    }).catch(() => {});
    expect(seen).toHaveLength(calls);
    for (const call of seen) expect(call.openTransactions).toBe(0);
  });

  it.each([
    ['an existing account joining with its password', 'existing', testPassword],
    ['an existing account and a wrong password', 'existing', 'not the password at all'],
    ['an email without an account (the dummy verification)', 'new', testPassword],
  ] as const)('when accepting an invite as %s', async (_name, who, password) => {
    const member = await seedAccount();
    const other = await seedOrg({ prisma: db() });
    const email = who === 'existing' ? member.actor.email : 'newcomer@example.com';
    const { token } = await createInvite({
      db: db(),
      actor: other.admin.actor,
      input: { email, role: 'auditor' },
    });
    const seen = watchPasswordCalls(db());
    await acceptInviteWithPassword({ db: db(), input: { token, password }, ip: '192.0.2.1' }).catch(
      () => {},
    );
    expect(seen).toEqual([{ call: 'verifyPassword', openTransactions: 0 }]);
  });

  it('when accepting an invite by creating an account', async () => {
    const other = await seedOrg({ prisma: db() });
    const { token } = await createInvite({
      db: db(),
      actor: other.admin.actor,
      input: { email: 'newcomer@example.com', role: 'auditor' },
    });
    const seen = watchPasswordCalls(db());
    await acceptInvite({
      db: db(),
      input: { token, name: 'New Comer', password: testPassword },
      ip: '192.0.2.1',
    });
    expect(seen).toHaveLength(2);
    for (const call of seen) expect(call.openTransactions).toBe(0);
  });

  it('when setting up the installation', async () => {
    const seen = watchPasswordCalls(db());
    await setupOrganization({
      db: db(),
      input: {
        organizationName: 'Acme',
        email: 'owner@example.com',
        password: 'correct horse battery staple',
      },
    });
    expect(seen).toEqual([{ call: 'hashPassword', openTransactions: 0 }]);
  });
});

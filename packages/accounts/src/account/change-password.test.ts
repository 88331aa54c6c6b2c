import { createOrg } from '@parapet/db/testing';
import { describe, expect, it } from 'vitest';
import { createSession } from '../sessions/create-session';
import { readSession } from '../sessions/read-session';
import { signInWithPassword } from '../sign-in/sign-in-with-password';
import { expectAppError } from '../testing/expect-app-error';
import { seedMember, testPassword } from '../testing/seed-member';
import { setupTestDatabase } from '../testing/setup-test-database';
import { snapshotDatabase } from '../testing/snapshot-database';
import { changePassword } from './change-password';
import { getAccount } from './get-account';

const db = setupTestDatabase();
const newPassword = 'an entirely new passphrase';

async function seed() {
  const org = await createOrg({ prisma: db() });
  const member = await seedMember({
    prisma: db(),
    orgId: org.id,
    role: 'auditor',
    email: 'pat@example.com',
  });
  const current = await db().$transaction((tx) => createSession({ tx, userId: member.user.id }));
  const other = await db().$transaction((tx) => createSession({ tx, userId: member.user.id }));
  return { member, current, other };
}

describe('changePassword', () => {
  it('changes the password, keeps this session and ends the others', async () => {
    const { member, current, other } = await seed();
    const result = await changePassword({
      db: db(),
      actor: member.actor,
      input: { currentPassword: testPassword, password: newPassword },
      sessionToken: current.sessionToken,
    });
    expect(result).toEqual({ otherSessionsEnded: 1 });
    expect(await readSession({ db: db(), sessionToken: current.sessionToken })).not.toBeNull();
    expect(await readSession({ db: db(), sessionToken: other.sessionToken })).toBeNull();
    await expectAppError(
      signInWithPassword({ db: db(), input: { email: 'pat@example.com', password: testPassword } }),
      'INVALID_CREDENTIALS',
    );
    expect(
      await signInWithPassword({
        db: db(),
        input: { email: 'pat@example.com', password: newPassword },
      }),
    ).toBeTruthy();
    expect(await getAccount({ db: db(), actor: member.actor })).toMatchObject({
      email: 'pat@example.com',
      role: 'auditor',
      hasPassword: true,
    });
  });

  it('refuses a wrong current password with a field error, changing nothing but its count', async () => {
    const { member, current } = await seed();
    const user = await db().user.findUniqueOrThrow({ where: { id: member.user.id } });
    const error = await expectAppError(
      changePassword({
        db: db(),
        actor: member.actor,
        input: { currentPassword: 'not my password', password: newPassword },
        sessionToken: current.sessionToken,
      }),
      'INVALID_INPUT',
    );
    expect(error.fieldErrors?.currentPassword).toEqual(['This is not your current password.']);
    expect(await db().user.findUniqueOrThrow({ where: { id: member.user.id } })).toEqual(user);
    expect(await db().session.count()).toBe(2);
    expect(await db().activityLogEntry.count()).toBe(0);
    // The one thing it changes: the failure counts toward the lockout (see the throttle tests).
    expect(await db().signInThrottle.findMany({ select: { key: true, failures: true } })).toEqual([
      { key: 'account:pat@example.com', failures: 1 },
    ]);
  });

  it.each([
    ['a short new password', { currentPassword: testPassword, password: 'short' }, 'password'],
    [
      'the same password again',
      { currentPassword: testPassword, password: testPassword },
      'password',
    ],
    [
      'an empty current password',
      { currentPassword: '', password: newPassword },
      'currentPassword',
    ],
  ])('refuses %s with a field error and changes nothing', async (_name, input, field) => {
    const { member, current } = await seed();
    const before = await snapshotDatabase(db());
    const error = await expectAppError(
      changePassword({ db: db(), actor: member.actor, input, sessionToken: current.sessionToken }),
      'INVALID_INPUT',
    );
    expect(error.fieldErrors?.[field]?.length).toBeGreaterThan(0);
    expect(await snapshotDatabase(db())).toBe(before);
  });
});

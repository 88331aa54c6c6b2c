import { describe, expect, it } from 'vitest';
import { expectAppError } from '../testing/expect-app-error';
import { seedMember, seedOrg, testPassword } from '../testing/seed-member';
import { setupTestDatabase } from '../testing/setup-test-database';
import { signInWithPassword } from './sign-in-with-password';

const db = setupTestDatabase();

const signIn = (email: string) =>
  signInWithPassword({ db: db(), input: { email, password: testPassword }, ip: '192.0.2.7' });

async function actions(orgId: string) {
  const rows = await db().activityLogEntry.findMany({
    where: { orgId },
    orderBy: { seq: 'asc' },
    select: { action: true, target: true },
  });
  return rows.map((row) => `${row.action} ${row.target}`);
}

describe('password sign-in under "require SSO"', () => {
  it('refuses everyone but owners, and flags each owner sign-in as break-glass', async () => {
    const org = await seedOrg({ prisma: db() });
    await db().organization.update({ where: { id: org.orgId }, data: { requireSso: true } });

    for (const member of [org.admin, org.auditor]) {
      const error = await expectAppError(signIn(member.user.email), 'FORBIDDEN');
      expect(error.message).toMatch(/single sign-on/);
    }
    expect(await db().session.count()).toBe(0);

    await signIn(org.owner.user.email);
    expect(await db().session.count()).toBe(1);
    expect(await actions(org.orgId)).toEqual([
      `sign_in ${org.owner.user.email}`,
      `auth.break_glass_sign_in ${org.owner.user.email}`,
    ]);
  });

  it('still refuses a wrong password first, counting it as a failure', async () => {
    const org = await seedOrg({ prisma: db() });
    await db().organization.update({ where: { id: org.orgId }, data: { requireSso: true } });
    await expectAppError(
      signInWithPassword({
        db: db(),
        input: { email: org.admin.user.email, password: 'wrong password!' },
      }),
      'INVALID_CREDENTIALS',
    );
  });

  it('refuses a person who is an owner elsewhere but not in an organization requiring SSO', async () => {
    const strict = await seedOrg({ prisma: db() });
    const relaxed = await seedOrg({ prisma: db() });
    await db().organization.update({ where: { id: strict.orgId }, data: { requireSso: true } });
    await db().membership.create({
      data: { orgId: relaxed.orgId, userId: strict.admin.user.id, role: 'owner' },
    });
    await expectAppError(signIn(strict.admin.user.email), 'FORBIDDEN');
  });

  it('changes nothing for organizations that do not require SSO', async () => {
    const org = await seedOrg({ prisma: db() });
    const other = await seedMember({ prisma: db(), orgId: org.orgId, role: 'auditor' });
    await signIn(other.user.email);
    expect(await actions(org.orgId)).toEqual([`sign_in ${other.user.email}`]);
  });
});

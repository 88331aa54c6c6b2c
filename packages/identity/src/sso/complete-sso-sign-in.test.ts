import { expectAppError, seedOrg, setupTestDatabase } from '@parapet/accounts/testing';
import type { PrismaClient } from '@parapet/db';
import { describe, expect, it } from 'vitest';
import { completeSsoSignIn } from './complete-sso-sign-in';
import type { RoleMapping } from './sso-roles';

const db = setupTestDatabase();

const mappings: RoleMapping[] = [
  { attribute: 'groups', value: 'parapet-admins', role: 'admin' },
  { attribute: 'groups', value: 'parapet-owners', role: 'owner' },
];

async function seedConnection(prisma: PrismaClient, domain = 'example.com') {
  const org = await seedOrg({ prisma });
  await prisma.orgDomain.create({ data: { orgId: org.orgId, domain } });
  const connection = await prisma.ssoConnection.create({
    data: {
      orgId: org.orgId,
      protocol: 'saml',
      name: 'Okta',
      samlClientId: `client-${org.orgId}`,
      roleMappings: mappings,
      defaultRole: 'none',
    },
  });
  return { org, connection };
}

const signIn = (connectionId: string, email: string, groups: string[]) =>
  completeSsoSignIn({
    db: db(),
    connectionId,
    profile: { email, name: 'Ada', attributes: { groups } },
  });

describe('completeSsoSignIn', () => {
  it('creates the person and their membership just in time with the mapped role', async () => {
    const { org, connection } = await seedConnection(db());
    const result = await signIn(connection.id, 'Ada@Example.com', ['parapet-admins']);
    expect(result).toMatchObject({ email: 'ada@example.com', orgId: org.orgId, role: 'admin' });
    const user = await db().user.findUniqueOrThrow({ where: { email: 'ada@example.com' } });
    expect(user.passwordHash).toBeNull();
    const membership = await db().membership.findFirstOrThrow({ where: { userId: user.id } });
    expect(membership).toMatchObject({ role: 'admin', ssoConnectionId: connection.id });
    const actions = await db().activityLogEntry.findMany({
      where: { orgId: org.orgId },
      orderBy: { seq: 'asc' },
      select: { action: true },
    });
    expect(actions.map((entry) => entry.action)).toEqual(['sso.member_joined', 'sign_in']);
  });

  it('follows the mapping at every sign-in and removes an SSO membership that lost access', async () => {
    const { connection } = await seedConnection(db());
    await signIn(connection.id, 'ada@example.com', ['parapet-admins']);
    expect((await signIn(connection.id, 'ada@example.com', ['parapet-owners'])).role).toBe('owner');
    expect((await signIn(connection.id, 'ada@example.com', ['parapet-admins'])).role).toBe('admin');
    expect((await signIn(connection.id, 'ada@example.com', [])).role).toBeNull();
    expect(await db().membership.count({ where: { user: { email: 'ada@example.com' } } })).toBe(0);
    // Still a person: the account stays, for device login.
    expect(await db().user.count({ where: { email: 'ada@example.com' } })).toBe(1);
  });

  it('signs in a person with no mapped role without making a membership', async () => {
    const { connection } = await seedConnection(db());
    const result = await signIn(connection.id, 'bob@example.com', ['engineering']);
    expect(result.role).toBeNull();
    expect(await db().membership.count({ where: { user: { email: 'bob@example.com' } } })).toBe(0);
  });

  it('leaves a membership made by setup or an invite alone', async () => {
    const { org, connection } = await seedConnection(db());
    await db().user.update({
      where: { id: org.admin.user.id },
      data: { email: 'admin@example.com' },
    });
    const result = await signIn(connection.id, 'admin@example.com', ['parapet-owners']);
    expect(result.role).toBe('admin');
    const membership = await db().membership.findUniqueOrThrow({
      where: { id: org.admin.membership.id },
    });
    expect(membership).toMatchObject({ role: 'admin', ssoConnectionId: null });
  });

  it('never demotes or removes the last owner', async () => {
    const { org, connection } = await seedConnection(db());
    await signIn(connection.id, 'ada@example.com', ['parapet-owners']);
    await db().membership.delete({ where: { id: org.owner.membership.id } });
    expect((await signIn(connection.id, 'ada@example.com', [])).role).toBe('owner');
    expect((await signIn(connection.id, 'ada@example.com', ['parapet-admins'])).role).toBe('owner');
  });

  it("refuses an email of a domain the connection's organization has not claimed", async () => {
    const { connection } = await seedConnection(db());
    await seedConnection(db(), 'other.example');
    await expectAppError(
      signIn(connection.id, 'eve@other.example', ['parapet-owners']),
      'FORBIDDEN',
    );
    await expectAppError(signIn(connection.id, 'eve@unclaimed.example', []), 'FORBIDDEN');
    expect(await db().user.count({ where: { email: { startsWith: 'eve@' } } })).toBe(0);
  });

  it('refuses a disabled connection', async () => {
    const { connection } = await seedConnection(db());
    await db().ssoConnection.update({ where: { id: connection.id }, data: { enabled: false } });
    await expectAppError(signIn(connection.id, 'ada@example.com', ['parapet-admins']), 'FORBIDDEN');
  });
});

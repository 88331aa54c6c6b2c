import { createSession } from '@parapet/accounts';
import {
  seedMember,
  seedOrg,
  setupTestDatabase,
  snapshotDatabase,
} from '@parapet/accounts/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { signUpAction } from '@/app/(public)/organizations/new/actions';
import { resolveCurrentMember } from '@/server/entry-points/access';
import { installOrganizationCreation } from '@/server/organizations/organization-creation';
import { callAction } from '@/server/testing/call-action';
import { createOrganizationAction, switchOrganizationAction } from './actions';

const db = setupTestDatabase();
const password = 'a long enough passphrase';

afterEach(() => installOrganizationCreation(undefined));

/** Orgs A, B and C; a person who is an auditor of A and an owner of B, signed in. */
async function dualMember() {
  const a = await seedOrg({ prisma: db(), name: 'Org A' });
  const b = await seedOrg({ prisma: db(), name: 'Org B' });
  const c = await seedOrg({ prisma: db(), name: 'Org C' });
  const dual = await seedMember({ prisma: db(), orgId: a.orgId, role: 'auditor' });
  await db().membership.create({ data: { orgId: b.orgId, userId: dual.user.id, role: 'owner' } });
  const { sessionToken } = await db().$transaction((tx) =>
    createSession({ tx, userId: dual.user.id }),
  );
  return { a, b, c, dual, sessionToken };
}

function currentMember(sessionToken: string, preferredOrgId: string | undefined) {
  return resolveCurrentMember({
    db: db(),
    request: { sessionToken, ip: '192.0.2.1', origin: 'http://localhost', requestId: 'r' },
    preferredOrgId,
  });
}

describe('the current organization', () => {
  it('is the one the cookie names when the person is a member of it, with that role', async () => {
    const { a, b, sessionToken } = await dualMember();
    const inB = await currentMember(sessionToken, b.orgId);
    expect(inB?.actor).toMatchObject({ orgId: b.orgId, role: 'owner' });
    expect(inB?.organizationName).toBe('Org B');
    expect(inB?.memberships.map((membership) => [membership.orgId, membership.role])).toEqual([
      [a.orgId, 'auditor'],
      [b.orgId, 'owner'],
    ]);
    expect((await currentMember(sessionToken, a.orgId))?.actor.role).toBe('auditor');
  });

  it('ignores a cookie naming an organization the person is not a member of', async () => {
    const { a, c, sessionToken } = await dualMember();
    for (const cookie of [c.orgId, 'not-a-uuid', '', undefined]) {
      const member = await currentMember(sessionToken, cookie);
      expect(member?.actor, `cookie ${cookie}`).toMatchObject({ orgId: a.orgId, role: 'auditor' });
    }
  });

  it('grants nothing without a session, whatever the cookie says', async () => {
    const { b } = await dualMember();
    expect(await currentMember('forged', b.orgId)).toBeNull();
  });
});

describe('organizations.switch', () => {
  it('remembers one of the person’s organizations and goes to the overview', async () => {
    const { b, sessionToken } = await dualMember();
    const { result, effects } = await callAction({
      action: switchOrganizationAction,
      db: db(),
      sessionToken,
      rawInput: { orgId: b.orgId },
    });
    expect(result).toMatchObject({ status: 'success', message: 'Switched to Org B.' });
    expect(effects).toEqual({ currentOrg: b.orgId, redirectTo: '/' });
  });

  it('refuses an organization the person does not belong to, and sets nothing', async () => {
    const { c, sessionToken } = await dualMember();
    const { result, effects } = await callAction({
      action: switchOrganizationAction,
      db: db(),
      sessionToken,
      rawInput: { orgId: c.orgId },
    });
    expect(result).toMatchObject({ status: 'error', code: 'FORBIDDEN' });
    expect(effects).toEqual({});
  });
});

describe('creating organizations', () => {
  it('is refused with 403 when the operator creates them (the default)', async () => {
    const { sessionToken } = await dualMember();
    const before = await snapshotDatabase(db());
    const created = await callAction({
      action: createOrganizationAction,
      db: db(),
      sessionToken,
      rawInput: { name: 'Mine' },
    });
    expect(created.result).toMatchObject({ status: 'error', code: 'FORBIDDEN' });
    expect((created.result as { message: string }).message).toContain('pnpm parapet org create');
    const signedUp = await callAction({
      action: signUpAction,
      db: db(),
      rawInput: {
        organizationName: 'Mine',
        name: 'Sam',
        email: 'sam@example.com',
        password,
        confirmPassword: password,
      },
    });
    expect(signedUp.result).toMatchObject({ status: 'error', code: 'FORBIDDEN' });
    expect(await snapshotDatabase(db())).toBe(before);
  });

  it('makes the signed-in person owner of a new, provisioned organization in self-service', async () => {
    installOrganizationCreation('self-service');
    const { dual, sessionToken } = await dualMember();
    const { result, effects } = await callAction({
      action: createOrganizationAction,
      db: db(),
      sessionToken,
      rawInput: { name: 'Side project' },
    });
    expect(result).toMatchObject({ status: 'success' });
    const membership = await db().membership.findFirstOrThrow({
      where: { userId: dual.user.id, organization: { name: 'Side project' } },
    });
    expect(membership.role).toBe('owner');
    expect(effects).toEqual({ currentOrg: membership.orgId, redirectTo: '/' });
    // Created as first-run setup creates one: with its first signing key.
    expect(await db().signingKey.count({ where: { orgId: membership.orgId } })).toBe(1);
  });

  it('signs a visitor up with a session and their organization in self-service', async () => {
    installOrganizationCreation('self-service');
    const { result, effects } = await callAction({
      action: signUpAction,
      db: db(),
      rawInput: {
        organizationName: 'Start-up',
        name: 'Sam',
        email: 'sam@example.com',
        password,
        confirmPassword: password,
      },
    });
    expect(result).toMatchObject({ status: 'success' });
    expect(effects.session).toMatchObject({ token: expect.any(String) });
    expect(effects.redirectTo).toBe('/');
    const user = await db().user.findUniqueOrThrow({
      where: { email: 'sam@example.com' },
      include: { memberships: true },
    });
    expect(user.memberships.map((membership) => membership.role)).toEqual(['owner']);
    expect(effects.currentOrg).toBe(user.memberships[0]?.orgId);
  });
});

import { expectAppError, seedOrg, setupTestDatabase } from '@parapet/accounts/testing';
import { openSecret } from '@parapet/db/secrets';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StartedOidcProvider, signInWithCodeFlow, startOidcProvider } from '../testing';
import { completeOidcSignIn } from './complete-oidc-sign-in';
import { createOidcConnection } from './create-oidc-connection';
import { oidcClientSecretPurpose } from './oidc-connection-schemas';
import { updateOidcConnection } from './update-oidc-connection';

const db = setupTestDatabase();
const redirectUri = 'http://127.0.0.1:3999/api/auth/callback/oidc';
let provider: StartedOidcProvider;

beforeAll(async () => {
  provider = await startOidcProvider({
    redirectUris: [redirectUri],
    accounts: [
      { email: 'grace@example.com', name: 'Grace Hopper', groups: ['parapet-admins'] },
      { email: 'eve@elsewhere.com', groups: ['parapet-owners'] },
      { email: 'mallory@example.com', groups: ['parapet-owners'], emailVerified: false },
    ],
  });
});
afterAll(() => provider?.stop());

async function seedConnection() {
  const org = await seedOrg({ prisma: db() });
  await db().orgDomain.create({ data: { orgId: org.orgId, domain: 'example.com' } });
  const view = await createOidcConnection({
    db: db(),
    actor: org.owner.actor,
    input: {
      name: 'Company IdP',
      issuer: provider.issuer,
      clientId: provider.clientId,
      clientSecret: provider.clientSecret,
      roleMappings: [{ attribute: 'groups', value: 'parapet-admins', role: 'admin' }],
    },
  });
  return { org, view };
}

const idTokenFor = async (login: string) =>
  (
    await signInWithCodeFlow({
      issuer: provider.issuer,
      clientId: provider.clientId,
      clientSecret: provider.clientSecret,
      redirectUri,
      login,
    })
  ).idToken;

describe('createOidcConnection', () => {
  it('stores the discovered issuer and the sealed secret, and never shows or logs the secret', async () => {
    const { org, view } = await seedConnection();
    expect(view).toMatchObject({
      protocol: 'oidc',
      oidcIssuer: provider.issuer,
      oidcClientId: provider.clientId,
    });
    expect(JSON.stringify(view)).not.toContain(provider.clientSecret);
    const row = await db().ssoConnection.findUniqueOrThrow({ where: { id: view.id } });
    expect(Buffer.from(row.oidcClientSecretSealed ?? []).toString('utf8')).not.toContain(
      provider.clientSecret,
    );
    const opened = openSecret({
      sealed: row.oidcClientSecretSealed ?? new Uint8Array(),
      purpose: oidcClientSecretPurpose,
      orgId: org.orgId,
    });
    expect(opened.toString('utf8')).toBe(provider.clientSecret);
    const log = await db().activityLogEntry.findMany({ where: { orgId: org.orgId } });
    expect(log.map((entry) => entry.action)).toContain('sso.connection_created');
    expect(JSON.stringify(log)).not.toContain(provider.clientSecret);
  });

  it('refuses an issuer that cannot be discovered, on the issuer field, and stores nothing', async () => {
    const org = await seedOrg({ prisma: db() });
    const error = await expectAppError(
      createOidcConnection({
        db: db(),
        actor: org.owner.actor,
        input: { name: 'Bad', issuer: 'https://169.254.169.254', clientId: 'c', clientSecret: 's' },
      }),
      'INVALID_INPUT',
    );
    expect(error.fieldErrors?.issuer?.[0]).toMatch(/link-local/);
    expect(await db().ssoConnection.count({ where: { orgId: org.orgId } })).toBe(0);
  });

  it('is for owners only', async () => {
    const org = await seedOrg({ prisma: db() });
    const input = { name: 'X', issuer: provider.issuer, clientId: 'c', clientSecret: 's' };
    await expectAppError(
      createOidcConnection({ db: db(), actor: org.admin.actor, input }),
      'FORBIDDEN',
    );
  });
});

describe('updateOidcConnection', () => {
  it('replaces the secret and client id; leaves the secret when it is left out', async () => {
    const { org, view } = await seedConnection();
    await updateOidcConnection({
      db: db(),
      actor: org.owner.actor,
      id: view.id,
      input: { clientSecret: 'new-secret' },
    });
    await updateOidcConnection({
      db: db(),
      actor: org.owner.actor,
      id: view.id,
      input: { clientId: 'renamed' },
    });
    const row = await db().ssoConnection.findUniqueOrThrow({ where: { id: view.id } });
    const opened = openSecret({
      sealed: row.oidcClientSecretSealed ?? new Uint8Array(),
      purpose: oidcClientSecretPurpose,
      orgId: org.orgId,
    });
    expect({ secret: opened.toString('utf8'), clientId: row.oidcClientId }).toEqual({
      secret: 'new-secret',
      clientId: 'renamed',
    });
  });

  it('refuses another organization’s connection and a non-owner', async () => {
    const { view } = await seedConnection();
    const stranger = await seedOrg({ prisma: db() });
    await expectAppError(
      updateOidcConnection({
        db: db(),
        actor: stranger.owner.actor,
        id: view.id,
        input: { clientId: 'x' },
      }),
      'NOT_FOUND',
    );
    await expectAppError(
      updateOidcConnection({
        db: db(),
        actor: stranger.admin.actor,
        id: view.id,
        input: { clientId: 'x' },
      }),
      'FORBIDDEN',
    );
  });
});

describe('completeOidcSignIn', () => {
  it('signs a new person in just in time with the mapped role', async () => {
    const { org, view } = await seedConnection();
    const result = await completeOidcSignIn({
      db: db(),
      connectionId: view.id,
      idToken: await idTokenFor('grace@example.com'),
    });
    expect(result).toMatchObject({ email: 'grace@example.com', orgId: org.orgId, role: 'admin' });
    const membership = await db().membership.findFirstOrThrow({
      where: { orgId: org.orgId, user: { email: 'grace@example.com' } },
    });
    expect(membership).toMatchObject({ role: 'admin', ssoConnectionId: view.id });
  });

  it.each([
    [
      'an email of a domain the org has not claimed',
      'eve@elsewhere.com',
      'FORBIDDEN',
      /not a domain/,
    ],
    ['an email the IdP has not verified', 'mallory@example.com', 'TOKEN_INVALID', /not verified/],
  ] as const)('refuses %s and stores nobody', async (_name, login, code, reason) => {
    const { view } = await seedConnection();
    const error = await expectAppError(
      completeOidcSignIn({ db: db(), connectionId: view.id, idToken: await idTokenFor(login) }),
      code,
    );
    expect(error.message).toMatch(reason);
    expect(await db().user.count({ where: { email: login } })).toBe(0);
  });

  it('refuses a token for another client id and a disabled connection', async () => {
    const { org, view } = await seedConnection();
    const idToken = await idTokenFor('grace@example.com');
    await updateOidcConnection({
      db: db(),
      actor: org.owner.actor,
      id: view.id,
      input: { clientId: 'another-client' },
    });
    const wrongAudience = await expectAppError(
      completeOidcSignIn({ db: db(), connectionId: view.id, idToken }),
      'TOKEN_INVALID',
    );
    expect(wrongAudience.message).toMatch(/another client/);
    await db().ssoConnection.update({ where: { id: view.id }, data: { enabled: false } });
    await expectAppError(
      completeOidcSignIn({ db: db(), connectionId: view.id, idToken }),
      'NOT_FOUND',
    );
    expect(
      await db().user.count({
        where: { email: 'grace@example.com', memberships: { some: { orgId: org.orgId } } },
      }),
    ).toBe(0);
  });
});

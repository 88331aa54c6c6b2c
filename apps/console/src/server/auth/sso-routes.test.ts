import { hashSecretToken } from '@parapet/accounts';
import { seedOrg } from '@parapet/accounts/testing';
import { configureDatabase, getPrisma } from '@parapet/db';
import { createTestDatabase, type TestDatabase } from '@parapet/db/testing';
import { closeJacksons, createSamlConnection, samlSpValues } from '@parapet/identity';
import { type StartedSamlIdp, startSamlIdp } from '@parapet/identity/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { consoleJackson } from './saml-jackson';
import { samlAcsRoute, samlCallbackRoute, samlMetadataRoute, startSsoRoute } from './sso-routes';

// The console's SAML routes end to end against the real saml-idp, as a browser would call them:
// start → IdP → ACS → callback, carrying the pending cookie, with one database for the file.
const origin = 'http://localhost:3000';
const sp = samlSpValues(origin);
let database: TestDatabase;
let idp: StartedSamlIdp;
let connectionId: string;

beforeAll(async () => {
  vi.stubEnv('AUTH_URL', origin);
  database = await createTestDatabase();
  configureDatabase({ url: database.databaseUrl });
  idp = await startSamlIdp({ acsUrl: sp.acsUrl, audience: sp.spEntityId });
  const org = await seedOrg({ prisma: database.prisma });
  await database.prisma.orgDomain.create({ data: { orgId: org.orgId, domain: 'example.com' } });
  const connection = await createSamlConnection({
    db: database.prisma,
    actor: org.owner.actor,
    jackson: () => consoleJackson(origin),
    origin,
    input: {
      name: 'Okta',
      metadataXml: await idp.metadataXml(),
      roleMappings: [{ attribute: 'groups', value: 'parapet-admins', role: 'admin' }],
    },
  });
  connectionId = connection.id;
}, 120_000);

afterAll(async () => {
  await closeJacksons();
  await idp?.stop();
  await getPrisma().$disconnect();
  await database?.drop();
  vi.unstubAllEnvs();
});

const noOidc = () => Promise.reject(new Error('no OIDC here'));

function cookieOf(response: Response, name: string): string | undefined {
  const header = response.headers.getSetCookie().find((line) => line.startsWith(`${name}=`));
  return header?.split(';')[0]?.slice(name.length + 1);
}

async function signInThroughIdp(email: string, groups: string[], callbackUrl?: string) {
  const query = new URLSearchParams({ connection: connectionId });
  if (callbackUrl) query.set('callbackUrl', callbackUrl);
  const start = await startSsoRoute(new Request(`${origin}/api/sso/start?${query}`), noOidc);
  expect(start.status).toBe(303);
  const pending = cookieOf(start, 'parapet-sso-pending');
  expect(pending).toBeTruthy();
  const answer = await idp.signIn({
    redirectUrl: start.headers.get('location') ?? '',
    user: { email, groups },
  });
  const acs = await samlAcsRoute(
    new Request(sp.acsUrl, {
      method: 'POST',
      body: new URLSearchParams({
        SAMLResponse: answer.samlResponse,
        RelayState: answer.relayState,
      }),
    }),
  );
  expect(acs.status).toBe(303);
  const callbackLocation = acs.headers.get('location') ?? '';
  const callback = await samlCallbackRoute(
    new Request(callbackLocation, { headers: { cookie: `parapet-sso-pending=${pending}` } }),
  );
  return { callback, callbackLocation, pending, answer };
}

describe('the console’s SAML routes', () => {
  it('sign a new person in with the mapped role and a session carrying the connection', async () => {
    const { callback } = await signInThroughIdp(
      'ada@example.com',
      ['parapet-admins'],
      '/device?user_code=ABCD',
    );
    expect(callback.status).toBe(303);
    expect(callback.headers.get('location')).toBe('/device?user_code=ABCD');
    const token = cookieOf(callback, 'authjs.session-token') ?? '';
    const session = await database.prisma.session.findUniqueOrThrow({
      where: { sessionToken: hashSecretToken(token) },
      include: { user: { include: { memberships: true } } },
    });
    expect(session.ssoConnectionId).toBe(connectionId);
    expect(session.user.memberships).toMatchObject([
      { role: 'admin', ssoConnectionId: connectionId },
    ]);
  });

  it('send a person without a console role to the no-access page, signed in', async () => {
    const { callback } = await signInThroughIdp('bob@example.com', ['engineering']);
    expect(callback.headers.get('location')).toBe('/sign-in/sso/no-access');
    expect(cookieOf(callback, 'authjs.session-token')).toBeTruthy();
  });

  it('never send the browser to another origin', async () => {
    const { callback } = await signInThroughIdp(
      'cy@example.com',
      ['parapet-admins'],
      '//evil.example/x',
    );
    expect(callback.headers.get('location')).toBe('/');
  });

  it('refuse a callback without this browser’s pending sign-in, and a second use of the code', async () => {
    const { callbackLocation, pending } = await signInThroughIdp('dee@example.com', [
      'parapet-admins',
    ]);
    const again = await samlCallbackRoute(
      new Request(callbackLocation, { headers: { cookie: `parapet-sso-pending=${pending}` } }),
    );
    expect(again.headers.get('location')).toBe('/sign-in/sso?error=refused');
    const bare = await samlCallbackRoute(new Request(callbackLocation));
    expect(bare.headers.get('location')).toBe('/sign-in/sso?error=expired');
  });

  it('refuse a replayed SAML response at the ACS', async () => {
    const { answer } = await signInThroughIdp('eve@example.com', ['parapet-admins']);
    const replay = await samlAcsRoute(
      new Request(sp.acsUrl, {
        method: 'POST',
        body: new URLSearchParams({
          SAMLResponse: answer.samlResponse,
          RelayState: answer.relayState,
        }),
      }),
    );
    expect(replay.status).toBe(303);
    expect(replay.headers.get('location')).toBe('/sign-in/sso?error=refused');
  });

  it('serve the SP metadata with the entity id and ACS URL', async () => {
    const response = await samlMetadataRoute(new Request(sp.spMetadataUrl));
    const xml = await response.text();
    expect(response.headers.get('content-type')).toMatch(/xml/);
    expect(xml).toContain(`entityID="${sp.spEntityId}"`);
    expect(xml).toContain(`Location="${sp.acsUrl}"`);
  });
});

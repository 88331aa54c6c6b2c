import type { SAMLJackson } from '@boxyhq/saml-jackson';
import type { Actor } from '@parapet/accounts';
import { seedOrg } from '@parapet/accounts/testing';
import { createTestDatabase, type TestDatabase } from '@parapet/db/testing';
import { AppError } from '@parapet/errors';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeSsoSignIn } from '../sso/complete-sso-sign-in';
import { type SamlIdpAnswer, type StartedSamlIdp, startSamlIdp } from '../testing/start-saml-idp';
import { createSamlConnection } from './create-saml-connection';
import { closeJacksons, getJackson } from './jackson';
import { samlSpValues } from './saml-endpoints';
import { acceptSamlResponse, finishSamlSignIn, startSamlSignIn } from './saml-sign-in';

// One database, one jackson and four real saml-idp processes for the file: a good IdP of org A,
// a good IdP of org B, one that writes an audience that only starts like ours, and one that
// addresses its responses to another ACS URL. Every refusal below is checked for its reason, so
// a test cannot pass because something else failed first.
const origin = 'http://console.test';
const sp = samlSpValues(origin);
let database: TestDatabase;
let jackson: SAMLJackson;
const idps: StartedSamlIdp[] = [];
let orgA: { owner: Actor; connectionId: string; idp: StartedSamlIdp };
let orgB: { owner: Actor; connectionId: string; idp: StartedSamlIdp };
let evilAudience: { connectionId: string; idp: StartedSamlIdp };
let otherRecipient: { connectionId: string; idp: StartedSamlIdp };

async function connect(owner: Actor, idp: StartedSamlIdp, name: string, useUrl = false) {
  const metadata = useUrl
    ? { metadataUrl: idp.metadataUrl }
    : { metadataXml: await idp.metadataXml() };
  const connection = await createSamlConnection({
    db: database.prisma,
    actor: owner,
    jackson: async () => jackson,
    origin,
    input: {
      name,
      ...metadata,
      roleMappings: [{ attribute: 'groups', value: 'parapet-admins', role: 'admin' }],
    },
  });
  return connection.id;
}

async function seedOrgWithDomain(domain: string) {
  const org = await seedOrg({ prisma: database.prisma });
  await database.prisma.orgDomain.create({ data: { orgId: org.orgId, domain } });
  return org.owner.actor;
}

beforeAll(async () => {
  database = await createTestDatabase();
  jackson = await getJackson({ db: database.prisma, databaseUrl: database.databaseUrl, origin });
  const started = await Promise.all([
    startSamlIdp({ acsUrl: sp.acsUrl, audience: sp.spEntityId }),
    startSamlIdp({ acsUrl: sp.acsUrl, audience: sp.spEntityId }),
    startSamlIdp({ acsUrl: sp.acsUrl, audience: `${sp.spEntityId}.evil.example` }),
    startSamlIdp({
      acsUrl: 'http://evil.test/acs',
      audience: sp.spEntityId,
      disableRequestAcsUrl: true,
    }),
  ]);
  idps.push(...started);
  const [idpA, idpB, idpC, idpD] = started as [
    StartedSamlIdp,
    StartedSamlIdp,
    StartedSamlIdp,
    StartedSamlIdp,
  ];
  const ownerA = await seedOrgWithDomain('a.example');
  const ownerB = await seedOrgWithDomain('b.example');
  orgA = { owner: ownerA, idp: idpA, connectionId: await connect(ownerA, idpA, 'Okta', true) };
  orgB = { owner: ownerB, idp: idpB, connectionId: await connect(ownerB, idpB, 'Entra') };
  evilAudience = { idp: idpC, connectionId: await connect(ownerA, idpC, 'Prefix audience') };
  otherRecipient = { idp: idpD, connectionId: await connect(ownerA, idpD, 'Other recipient') };
}, 120_000);

afterAll(async () => {
  await closeJacksons();
  await Promise.all(idps.map((idp) => idp.stop()));
  await database?.drop();
});

async function answerFor(
  target: { connectionId: string; idp: StartedSamlIdp },
  email = 'ada@a.example',
  groups = ['parapet-admins'],
) {
  const start = await startSamlSignIn({
    db: database.prisma,
    jackson,
    origin,
    connectionId: target.connectionId,
  });
  if (!start.redirectUrl) throw new Error('expected a redirect to the IdP');
  const answer = await target.idp.signIn({
    redirectUrl: start.redirectUrl,
    user: { email, groups },
  });
  return { start, answer };
}

const accept = (answer: Pick<SamlIdpAnswer, 'samlResponse' | 'relayState'>, now?: Date) =>
  acceptSamlResponse({
    jackson,
    origin,
    samlResponse: answer.samlResponse,
    relayState: answer.relayState,
    ...(now ? { now } : {}),
  });

async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe('FORBIDDEN');
  return (error as AppError).message;
}

const decode = (response: string) => Buffer.from(response, 'base64').toString('utf8');
const encode = (xml: string) => Buffer.from(xml, 'utf8').toString('base64');

describe('SAML sign-in through jackson against a real saml-idp', () => {
  it('signs a new person in with the mapped role, through the code exchange', async () => {
    const { start, answer } = await answerFor(orgA);
    expect(answer.acsUrl).toBe(sp.acsUrl);
    const redirect = new URL(await accept(answer));
    expect(`${redirect.origin}${redirect.pathname}`).toBe(`${origin}/api/sso/saml/callback`);
    expect(redirect.searchParams.get('state')).toBe(start.state);
    const finished = await finishSamlSignIn({
      db: database.prisma,
      jackson,
      origin,
      code: redirect.searchParams.get('code') ?? '',
      codeVerifier: start.codeVerifier,
    });
    expect(finished.connectionId).toBe(orgA.connectionId);
    expect(finished.profile).toMatchObject({
      email: 'ada@a.example',
      attributes: { groups: ['parapet-admins'] },
    });
    const result = await completeSsoSignIn({ db: database.prisma, ...finished });
    expect(result).toMatchObject({ orgId: orgA.owner.orgId, role: 'admin' });
  });

  it("keeps jackson's tables in their own schema, none in public (which Prisma owns)", async () => {
    const tables = await database.prisma.$queryRaw<{ schema: string; name: string }[]>`
      SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
      WHERE table_name LIKE 'jackson%' ORDER BY table_name`;
    expect(tables.length).toBeGreaterThan(0);
    expect(new Set(tables.map((table) => table.schema))).toEqual(new Set(['jackson']));
  });

  it('refuses a code exchanged without the PKCE verifier of the browser that started', async () => {
    const { answer } = await answerFor(orgA);
    const code = new URL(await accept(answer)).searchParams.get('code') ?? '';
    await refusal(
      finishSamlSignIn({
        db: database.prisma,
        jackson,
        origin,
        code,
        codeVerifier: 'x'.repeat(43),
      }),
    );
  });

  it('refuses a code redeemed a second time', async () => {
    const { start, answer } = await answerFor(orgA);
    const code = new URL(await accept(answer)).searchParams.get('code') ?? '';
    const redeem = () =>
      finishSamlSignIn({
        db: database.prisma,
        jackson,
        origin,
        code,
        codeVerifier: start.codeVerifier,
      });
    await redeem();
    expect(await refusal(redeem())).toMatch(/already used/);
  });

  it('refuses the same response posted twice (replay)', async () => {
    const { answer } = await answerFor(orgA);
    await accept(answer);
    expect(await refusal(accept(answer))).toMatch(/validate state|refused/);
  });

  it('refuses a response replayed into a newer sign-in of the same connection', async () => {
    const { answer: old } = await answerFor(orgA);
    await accept(old);
    const fresh = await startSamlSignIn({
      db: database.prisma,
      jackson,
      origin,
      connectionId: orgA.connectionId,
    });
    const relayState = new URL(fresh.redirectUrl ?? '').searchParams.get('RelayState') ?? '';
    expect(await refusal(accept({ samlResponse: old.samlResponse, relayState }))).toMatch(
      /InResponseTo/,
    );
  });

  it('refuses an altered assertion (signature)', async () => {
    const { answer } = await answerFor(orgA, 'ada@a.example', ['engineering']);
    const altered = decode(answer.samlResponse).replaceAll('engineering', 'parapet-admins');
    expect(altered).not.toBe(decode(answer.samlResponse));
    expect(await refusal(accept({ ...answer, samlResponse: encode(altered) }))).toMatch(
      /signature/i,
    );
  });

  it('refuses an unsigned assertion', async () => {
    const { answer } = await answerFor(orgA);
    const unsigned = decode(answer.samlResponse).replace(
      /<(\w+:)?Signature[\s\S]*?<\/(\w+:)?Signature>/g,
      '',
    );
    expect(unsigned).not.toMatch(/SignatureValue/);
    expect(await refusal(accept({ ...answer, samlResponse: encode(unsigned) }))).toMatch(
      /neither the response nor its assertion is signed/,
    );
  });

  it('refuses an audience that only starts like ours', async () => {
    const { answer } = await answerFor(evilAudience);
    expect(await refusal(accept(answer))).toMatch(/another audience/);
  });

  it('refuses a response addressed to another recipient and destination', async () => {
    const { answer } = await answerFor(otherRecipient);
    expect(decode(answer.samlResponse)).toContain('Recipient="http://evil.test/acs"');
    expect(await refusal(accept(answer))).toMatch(
      /addressed to http:\/\/evil\.test\/acs|another recipient/,
    );
  });

  it('refuses an assertion outside its time window, with two minutes of skew', async () => {
    const { answer } = await answerFor(orgA);
    const xml = decode(answer.samlResponse);
    const notOnOrAfter = Date.parse(/NotOnOrAfter="([^"]+)"/.exec(xml)?.[1] ?? '');
    const notBefore = Date.parse(/NotBefore="([^"]+)"/.exec(xml)?.[1] ?? '');
    expect(await refusal(accept(answer, new Date(notOnOrAfter + 3 * 60_000)))).toMatch(/expired/);
    expect(await refusal(accept(answer, new Date(notBefore - 3 * 60_000)))).toMatch(
      /not valid yet/,
    );
    // Within the skew it is still accepted.
    await accept(answer, new Date(notBefore - 60_000));
  });

  it("refuses another connection's assertion posted into this connection's sign-in", async () => {
    const { start } = await answerFor(orgA);
    const relayState = new URL(start.redirectUrl ?? '').searchParams.get('RelayState') ?? '';
    const { answer: fromB } = await answerFor(orgB, 'bob@b.example');
    expect(await refusal(accept({ samlResponse: fromB.samlResponse, relayState }))).toMatch(
      /SAML connection not found/,
    );
  });

  it('refuses an unsolicited response (no InResponseTo)', async () => {
    const start = await startSamlSignIn({
      db: database.prisma,
      jackson,
      origin,
      connectionId: orgA.connectionId,
    });
    const relayState = new URL(start.redirectUrl ?? '').searchParams.get('RelayState') ?? '';
    const form = new URLSearchParams({
      userName: 'ada@a.example',
      email: 'ada@a.example',
      firstName: 'A',
      lastName: 'B',
      groups: '',
    });
    const page = await (
      await fetch(`${orgA.idp.url}/signin`, { method: 'POST', body: form })
    ).text();
    const samlResponse =
      /name="SAMLResponse"\s+value="([^"]*)"/.exec(page)?.[1]?.replace(/&#x3D;/g, '=') ?? '';
    expect(decode(samlResponse)).not.toMatch(/InResponseTo/);
    expect(await refusal(accept({ samlResponse, relayState }))).toMatch(/answers no request/);
  });
});

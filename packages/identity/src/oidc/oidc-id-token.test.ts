import { generateKeyPairSync } from 'node:crypto';
import { decodeJwt, decodeProtectedHeader, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StartedOidcProvider, signInWithCodeFlow, startOidcProvider } from '../testing';
import { oidcClaimsToProfile } from './oidc-claims-to-profile';
import { verifyOidcIdToken } from './verify-oidc-id-token';

const redirectUri = 'http://127.0.0.1:3999/api/auth/callback/oidc-test';
const people = [
  { email: 'ada@example.com', name: 'Ada Lovelace', groups: ['parapet-admins', 'eng'] },
];
let provider: StartedOidcProvider;
let other: StartedOidcProvider;

beforeAll(async () => {
  provider = await startOidcProvider({ redirectUris: [redirectUri], accounts: people });
  // A second, independent provider: its own issuer and its own signing key.
  other = await startOidcProvider({
    redirectUris: [redirectUri],
    accounts: people,
    clientId: provider.clientId,
  });
});
afterAll(async () => {
  await provider?.stop();
  await other?.stop();
});

const signIn = (from: StartedOidcProvider, nonce?: string) =>
  signInWithCodeFlow({
    issuer: from.issuer,
    clientId: from.clientId,
    clientSecret: from.clientSecret,
    redirectUri,
    login: 'ada@example.com',
    ...(nonce === undefined ? {} : { nonce }),
  });

const verify = (
  idToken: string,
  overrides: Partial<Parameters<typeof verifyOidcIdToken>[0]> = {},
) =>
  verifyOidcIdToken({
    idToken,
    issuer: provider.issuer,
    clientId: provider.clientId,
    jwksUri: `${provider.issuer}/jwks`,
    ...overrides,
  });

describe('verifyOidcIdToken against a real provider', () => {
  it('accepts the provider’s token with its claims, the groups claim among them', async () => {
    const { idToken, nonce } = await signIn(provider);
    const verified = await verify(idToken, { expectedNonce: nonce });
    expect(verified).toMatchObject({
      ok: true,
      claims: {
        email: 'ada@example.com',
        email_verified: true,
        groups: ['parapet-admins', 'eng'],
        nonce,
      },
    });
  });

  it('refuses a token from another issuer (issuer mismatch)', async () => {
    const { idToken } = await signIn(other);
    const verified = await verify(idToken, { jwksUri: `${other.issuer}/jwks` });
    expect(verified).toMatchObject({ ok: false, reason: 'issuer' });
  });

  it('refuses a token signed by another key (the second provider’s token)', async () => {
    const { idToken } = await signIn(other);
    expect(await verify(idToken)).toMatchObject({ ok: false, reason: 'signature' });
  });

  it('refuses a token re-signed with another key under the provider’s own key id', async () => {
    const { idToken } = await signIn(provider);
    const { kid } = decodeProtectedHeader(idToken);
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const forged = await new SignJWT(decodeJwt(idToken))
      .setProtectedHeader({ alg: 'RS256', ...(kid === undefined ? {} : { kid }) })
      .sign(privateKey);
    expect(await verify(forged)).toMatchObject({ ok: false, reason: 'signature' });
  });

  it('refuses a token whose payload was altered (another group added)', async () => {
    const { idToken } = await signIn(provider);
    const [header, payload, signature] = idToken.split('.');
    const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString('utf8'));
    claims.groups = [...claims.groups, 'parapet-owners'];
    const altered = [
      header,
      Buffer.from(JSON.stringify(claims)).toString('base64url'),
      signature,
    ].join('.');
    expect(await verify(altered)).toMatchObject({ ok: false, reason: 'signature' });
  });

  it('refuses a token issued to another client (wrong audience)', async () => {
    const { idToken } = await signIn(provider);
    expect(await verify(idToken, { clientId: 'someone-else' })).toMatchObject({
      ok: false,
      reason: 'audience',
    });
  });

  it('refuses an expired token', async () => {
    const { idToken } = await signIn(provider);
    const { exp = 0 } = decodeJwt(idToken);
    const later = new Date((exp + 61) * 1000);
    expect(await verify(idToken, { now: later })).toMatchObject({ ok: false, reason: 'expired' });
    // A clock up to a minute behind the issuer's is tolerated.
    expect(await verify(idToken, { now: new Date((exp + 30) * 1000) })).toMatchObject({ ok: true });
  });

  it('refuses a token issued for another sign-in (nonce mismatch)', async () => {
    const { idToken } = await signIn(provider, 'nonce-of-another-sign-in');
    expect(await verify(idToken, { expectedNonce: 'nonce-of-this-sign-in' })).toMatchObject({
      ok: false,
      reason: 'nonce',
    });
  });

  it('refuses garbage and an unsigned token', async () => {
    const { idToken } = await signIn(provider);
    const [, payload] = idToken.split('.');
    const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${payload}.`;
    expect(await verify('not-a-jwt')).toMatchObject({ ok: false });
    expect(await verify(unsigned)).toMatchObject({ ok: false });
  });
});

describe('oidcClaimsToProfile', () => {
  it.each([
    [
      'a list of groups',
      { email: 'Ada@Example.com', email_verified: true, name: 'Ada', groups: ['a', 'b'], sub: 'x' },
      {
        ok: true,
        profile: {
          email: 'ada@example.com',
          name: 'Ada',
          attributes: { groups: ['a', 'b'], sub: ['x'] },
        },
      },
    ],
    [
      'one group as a string, no name',
      { email: 'ada@example.com', groups: 'a' },
      { ok: true, profile: { email: 'ada@example.com', attributes: { groups: ['a'] } } },
    ],
    [
      'no groups claim',
      { email: 'ada@example.com' },
      { ok: true, profile: { attributes: { groups: [] } } },
    ],
    ['no email', { sub: 'x', groups: ['a'] }, { ok: false }],
    ['an unverified email', { email: 'ada@example.com', email_verified: false }, { ok: false }],
  ])('%s', (_name, claims, expected) => {
    expect(oidcClaimsToProfile({ claims, groupsClaim: 'groups' })).toMatchObject(expected);
  });

  it('leaves claims about the token itself out of the attributes', () => {
    const mapped = oidcClaimsToProfile({
      claims: { email: 'a@b.c', iss: 'https://x', aud: 'c', nonce: 'n', department: 'ops' },
      groupsClaim: 'roles',
    });
    expect(mapped.ok && mapped.profile.attributes).toEqual({
      email: ['a@b.c'],
      department: ['ops'],
      roles: [],
    });
  });
});

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StartedOidcProvider, startOidcProvider } from '../testing';
import { checkDiscoveryDocument, discoverOidcIssuer, parseIssuerUrl } from './discover-oidc-issuer';
import { createGuardedFetch, refusedAddressReason } from './guarded-fetch';

let provider: StartedOidcProvider;
let hostile: Server;
let hostileUrl: string;

beforeAll(async () => {
  provider = await startOidcProvider();
  // Answers the way a hostile or broken issuer would: a redirect elsewhere, an endless body.
  hostile = createServer((request, response) => {
    if (request.url?.startsWith('/redirect/')) {
      response
        .writeHead(302, { location: `${provider.issuer}/.well-known/openid-configuration` })
        .end();
    } else if (request.url?.startsWith('/huge/')) {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(`{"pad":"${'x'.repeat(400 * 1024)}"}`);
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => hostile.listen(0, '127.0.0.1', resolve));
  hostileUrl = `http://127.0.0.1:${(hostile.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await provider?.stop();
  hostile?.closeAllConnections();
  await new Promise((resolve) => hostile?.close(resolve));
});

describe('discoverOidcIssuer', () => {
  it('reads a real provider’s endpoints', async () => {
    const found = await discoverOidcIssuer({ issuer: provider.issuer });
    expect(found).toEqual({
      ok: true,
      metadata: expect.objectContaining({
        issuer: provider.issuer,
        authorizationEndpoint: `${provider.issuer}/auth`,
        tokenEndpoint: `${provider.issuer}/token`,
        jwksUri: `${provider.issuer}/jwks`,
      }),
    });
  });

  it('accepts the issuer typed with a trailing slash and keeps the document’s spelling', async () => {
    const found = await discoverOidcIssuer({ issuer: `${provider.issuer}/` });
    expect(found.ok && found.metadata.issuer).toBe(provider.issuer);
  });

  it.each([
    ['a redirect elsewhere', () => `${hostileUrl}/redirect`, /redirects elsewhere/],
    ['an answer over the size limit', () => `${hostileUrl}/huge`, /larger than/],
    ['no document', () => `${hostileUrl}/missing`, /HTTP 404/],
    ['plain http beyond loopback', () => 'http://idp.example.com', /https/],
    ['a link-local (metadata) address', () => 'https://169.254.169.254', /link-local/],
    ['the unspecified address', () => 'https://0.0.0.0', /link-local/],
    ['IPv4-mapped metadata address', () => 'https://[::ffff:169.254.169.254]', /link-local/],
    ['credentials in the URL', () => 'https://user:pw@idp.example.com', /credentials/],
    ['not a URL', () => 'okta', /full URL/],
  ])('refuses %s', async (_name, issuer, reason) => {
    const found = await discoverOidcIssuer({ issuer: issuer() });
    expect(found.ok).toBe(false);
    expect(!found.ok && found.message).toMatch(reason);
  });

  it('refuses a provider whose document names another issuer', async () => {
    // The provider answers at 127.0.0.1 but the same port under "localhost" is another issuer.
    const other = provider.issuer.replace('127.0.0.1', 'localhost');
    const found = await discoverOidcIssuer({ issuer: other });
    expect(!found.ok && found.message).toMatch(/names the issuer/);
  });
});

describe('checkDiscoveryDocument', () => {
  const issuer = 'https://idp.example.com';
  const good = {
    issuer,
    authorization_endpoint: `${issuer}/authorize`,
    token_endpoint: `${issuer}/token`,
    jwks_uri: `${issuer}/keys`,
    response_types_supported: ['code', 'id_token'],
    code_challenge_methods_supported: ['S256'],
  };
  it.each([
    ['a complete document', good, null],
    [
      'no PKCE list at all (Entra ID)',
      { ...good, code_challenge_methods_supported: undefined },
      null,
    ],
    ['no token endpoint', { ...good, token_endpoint: undefined }, /token_endpoint/],
    ['no keys endpoint', { ...good, jwks_uri: undefined }, /jwks_uri/],
    [
      'no authorization endpoint',
      { ...good, authorization_endpoint: undefined },
      /authorization_endpoint/,
    ],
    ['no code flow', { ...good, response_types_supported: ['id_token'] }, /authorization code/],
    ['PKCE without S256', { ...good, code_challenge_methods_supported: ['plain'] }, /S256/],
    [
      'a plain-http token endpoint',
      { ...good, token_endpoint: 'http://idp.example.com/token' },
      /https/,
    ],
    ['another issuer', { ...good, issuer: 'https://evil.example.com' }, /names the issuer/],
    ['not an object', 'nope', /lacks/],
  ])('%s', (_name, document, refusal) => {
    const checked = checkDiscoveryDocument({ issuer, document });
    if (refusal === null) expect(checked.ok).toBe(true);
    else expect(!checked.ok && checked.message).toMatch(refusal);
  });
});

describe('guarded fetch', () => {
  it.each([
    ['169.254.169.254', false],
    ['fe80::1', false],
    ['fd00:ec2::254', false],
    ['100.100.100.200', false],
    ['::ffff:169.254.169.254', false],
    ['::ffff:a9fe:a9fe', false],
    ['10.0.0.5', true],
    ['127.0.0.1', true],
    ['2001:db8::1', true],
  ])('address %s reachable: %s', (address, reachable) => {
    expect(refusedAddressReason(address) === null).toBe(reachable);
  });

  it('refuses refused addresses however they are spelled, and plain http off loopback', async () => {
    const guarded = createGuardedFetch();
    await expect(guarded('https://[::ffff:a9fe:a9fe]/')).rejects.toThrow(/link-local/);
    await expect(guarded('https://169.254.169.254/latest/meta-data/')).rejects.toThrow(
      /link-local/,
    );
    await expect(guarded('http://10.0.0.5/')).rejects.toThrow(/not an https address/);
  });

  it('resolves names through the checked lookup (localhost is loopback, allowed)', async () => {
    const response = await createGuardedFetch()(
      `${provider.issuer.replace('127.0.0.1', 'localhost')}/.well-known/openid-configuration`,
    );
    expect(response.status).toBe(200);
  });
});

describe('parseIssuerUrl', () => {
  it('keeps a path (Okta custom servers, Entra tenants)', () => {
    const tenant = 'https://login.microsoftonline.com/0d1e/v2.0';
    expect(parseIssuerUrl(tenant)).toEqual({ ok: true, issuer: tenant });
  });
});

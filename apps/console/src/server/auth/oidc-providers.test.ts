import { randomUUID } from 'node:crypto';
import {
  authorizeAtProvider,
  type StartedOidcProvider,
  startOidcProvider,
} from '@parapet/identity/testing';
import NextAuth from 'next-auth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { oidcConnectionIdOf, oidcProviderConfig, oidcProviderId } from './oidc-providers';

// The OIDC provider Parapet hands Auth.js, run by Auth.js itself against a real OpenID Provider:
// what comes back to the signIn step on success, and every check that must refuse a sign-in
// whose authorization request or answer was tampered with on the way (nonce, state, PKCE), a
// replayed callback, and an issuer whose discovery document names another issuer.

const origin = 'http://localhost:3000';
const connectionId = randomUUID();
const providerId = oidcProviderId(connectionId);
const callbackUrl = `${origin}/api/auth/callback/${providerId}`;
let provider: StartedOidcProvider;

beforeAll(async () => {
  provider = await startOidcProvider({
    redirectUris: [callbackUrl],
    accounts: [{ email: 'ada@example.com', name: 'Ada', groups: ['parapet-admins'] }],
  });
});
afterAll(() => provider?.stop());

type Account = { provider?: string; id_token?: string } | null | undefined;

/** Auth.js as the console configures it for this one provider, recording what signIn gets. */
function authJs(issuer = provider.issuer) {
  const accounts: Account[] = [];
  const { handlers } = NextAuth({
    providers: [
      oidcProviderConfig({
        connectionId,
        name: 'Company IdP',
        issuer,
        clientId: provider.clientId,
        clientSecret: provider.clientSecret,
      }),
    ],
    secret: 'a test secret that is long enough for Auth.js',
    trustHost: true,
    pages: { signIn: '/sign-in', error: '/sign-in' },
    callbacks: {
      signIn({ account }) {
        accounts.push(account);
        return '/signed-in';
      },
    },
  });
  const cookies = new Map<string, string>();
  const send = async (path: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    headers.set('cookie', [...cookies].map(([name, value]) => `${name}=${value}`).join('; '));
    const request = new Request(new URL(path, origin), { ...init, headers });
    const handler = request.method === 'POST' ? handlers.POST : handlers.GET;
    const response = await handler(request as Parameters<typeof handler>[0]);
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const at = pair.indexOf('=');
      cookies.set(pair.slice(0, at), pair.slice(at + 1));
    }
    return response;
  };
  /** Starts the sign-in; returns the authorization URL Auth.js sends the browser to. */
  const start = async () => {
    const { csrfToken } = (await (await send('/api/auth/csrf')).json()) as { csrfToken: string };
    const response = await send(`/api/auth/signin/${providerId}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ csrfToken, callbackUrl: `${origin}/after` }),
    });
    return response.headers.get('location') ?? '';
  };
  return { send, start, accounts };
}

const tamper = (url: string, name: string, value: string) => {
  const changed = new URL(url);
  changed.searchParams.set(name, value);
  return changed.toString();
};

async function backFromProvider(authorizationUrl: string): Promise<string> {
  const back = await authorizeAtProvider({
    authorizationUrl,
    redirectUri: callbackUrl,
    login: 'ada@example.com',
  });
  return back.slice(origin.length);
}

describe('the OIDC provider under Auth.js', () => {
  it('maps provider ids to connection ids and back, and nothing else', () => {
    expect(oidcConnectionIdOf(providerId)).toBe(connectionId);
    expect(oidcConnectionIdOf('oidc-not-a-uuid')).toBeNull();
    expect(oidcConnectionIdOf('github')).toBeNull();
  });

  it('asks for the code flow with PKCE (S256), state and nonce, and hands the ID token to signIn', async () => {
    const auth = authJs();
    const authorizationUrl = await auth.start();
    const params = new URL(authorizationUrl).searchParams;
    expect(authorizationUrl.startsWith(`${provider.issuer}/auth?`)).toBe(true);
    expect(Object.fromEntries(params)).toMatchObject({
      response_type: 'code',
      client_id: provider.clientId,
      redirect_uri: callbackUrl,
      scope: 'openid email profile',
      code_challenge_method: 'S256',
    });
    for (const name of ['state', 'nonce', 'code_challenge']) expect(params.get(name)).toBeTruthy();
    const response = await auth.send(await backFromProvider(authorizationUrl));
    expect(response.headers.get('location')).toBe(`${origin}/signed-in`);
    expect(auth.accounts).toHaveLength(1);
    expect(auth.accounts[0]?.provider).toBe(providerId);
    expect(auth.accounts[0]?.id_token).toMatch(/^ey/);
  });

  it.each([
    ['a nonce changed on the way to the provider', 'nonce'],
    ['a state changed on the way to the provider', 'state'],
    ['a PKCE challenge changed on the way to the provider', 'code_challenge'],
  ])('refuses %s', async (_name, parameter) => {
    const auth = authJs();
    const authorizationUrl = tamper(
      await auth.start(),
      parameter,
      'tampered-value-0123456789012345678901234567',
    );
    const response = await auth.send(await backFromProvider(authorizationUrl));
    expect(response.headers.get('location')).toMatch(/\/sign-in\?error=/);
    expect(auth.accounts).toHaveLength(0);
  });

  it('refuses a callback replayed after it was used', async () => {
    const auth = authJs();
    const back = await backFromProvider(await auth.start());
    expect((await auth.send(back)).headers.get('location')).toBe(`${origin}/signed-in`);
    expect((await auth.send(back)).headers.get('location')).toMatch(/\/sign-in\?error=/);
    expect(auth.accounts).toHaveLength(1);
  });

  it('does not start a sign-in with an issuer whose discovery document names another', async () => {
    const auth = authJs(provider.issuer.replace('127.0.0.1', 'localhost'));
    const location = await auth.start().catch(() => '');
    expect(location.startsWith(provider.issuer)).toBe(false);
    expect(auth.accounts).toHaveLength(0);
  });
});

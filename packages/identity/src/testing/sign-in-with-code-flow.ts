import { createHash, randomBytes } from 'node:crypto';

/** What the test provider's token endpoint answered, plus what the flow sent. */
export type CodeFlowResult = {
  idToken: string;
  accessToken: string;
  nonce: string;
};

/**
 * Runs the authorization code flow with PKCE against a provider from `startOidcProvider`
 * without a browser: the authorization request, the development login form (login = email),
 * the redirect back with a code, and the token request. Tests use the ID token it returns to
 * show what Parapet's checks accept and refuse; the device-login tests can drive a sign-in the
 * same way.
 */
export async function signInWithCodeFlow({
  issuer,
  clientId,
  clientSecret,
  redirectUri,
  login,
  nonce = randomBytes(16).toString('base64url'),
  scope = 'openid email profile',
}: {
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  login: string;
  nonce?: string;
  scope?: string;
}): Promise<CodeFlowResult> {
  const verifier = randomBytes(32).toString('base64url');
  const authorize = new URL(`${issuer}/auth`);
  authorize.search = new URLSearchParams({
    client_id: clientId,
    redirect_uri: redirectUri,
    response_type: 'code',
    scope,
    nonce,
    state: randomBytes(8).toString('hex'),
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
  }).toString();
  const location = await authorizeAtProvider({
    authorizationUrl: authorize.toString(),
    redirectUri,
    login,
  });
  const code = new URL(location).searchParams.get('code');
  if (code === null) throw new Error(`The provider redirected without a code: ${location}`);
  const token = await fetch(`${issuer}/token`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`,
    },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirectUri,
      code_verifier: verifier,
    }),
  });
  const body = (await token.json()) as { id_token?: string; access_token?: string; error?: string };
  if (body.id_token === undefined || body.access_token === undefined) {
    throw new Error(`The token request failed: ${JSON.stringify(body)}`);
  }
  return { idToken: body.id_token, accessToken: body.access_token, nonce };
}

/**
 * Plays the person at the test provider from an authorization URL (one a client under test
 * built): follows it to the development login form, signs in as `login` (any password), and
 * returns the address the provider sends the browser back to (the redirect URI with `code` and
 * `state`, or with `error`). What the client does with it is the test's business.
 */
export async function authorizeAtProvider({
  authorizationUrl,
  redirectUri,
  login,
}: {
  authorizationUrl: string;
  redirectUri: string;
  login: string;
}): Promise<string> {
  const issuer = new URL(authorizationUrl).origin;
  const browser = new CookieJarFetch();
  const interaction = await browser.followUntil(
    authorizationUrl,
    (url) => url.includes('/interaction/') || url.startsWith(redirectUri),
  );
  if (interaction.startsWith(redirectUri)) return interaction;
  const form = await browser.request(interaction);
  const action = /action="([^"]+)"/.exec(await form.text())?.[1];
  if (action === undefined) throw new Error('The provider showed no login form.');
  return browser.followUntil(
    new URL(action.replaceAll('&amp;', '&'), issuer).toString(),
    (url) => url.startsWith(redirectUri),
    { method: 'POST', body: new URLSearchParams({ prompt: 'login', login, password: 'any' }) },
  );
}

// Just enough of a browser for the provider's cookies and redirects on one origin.
class CookieJarFetch {
  readonly #cookies = new Map<string, string>();

  async request(url: string, init: RequestInit = {}): Promise<Response> {
    const cookie = [...this.#cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    const response = await fetch(url, { ...init, redirect: 'manual', headers: { cookie } });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair?.indexOf('=') ?? -1;
      if (pair !== undefined && at > 0) this.#cookies.set(pair.slice(0, at), pair.slice(at + 1));
    }
    return response;
  }

  /** Follows redirects from `url` until one points where `stop` says, and returns that address. */
  async followUntil(
    url: string,
    stop: (url: string) => boolean,
    init?: RequestInit,
  ): Promise<string> {
    let current = url;
    let next: RequestInit | undefined = init;
    for (let hop = 0; hop < 10; hop += 1) {
      const response = await this.request(current, next);
      next = undefined;
      const location = response.headers.get('location');
      if (location === null)
        throw new Error(`${current} answered ${response.status} without a redirect.`);
      current = new URL(location, current).toString();
      if (stop(current)) return current;
    }
    throw new Error('Too many redirects.');
  }
}

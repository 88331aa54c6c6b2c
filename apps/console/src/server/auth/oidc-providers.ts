import { absoluteSessionEnd } from '@parapet/accounts';
import { AppError } from '@parapet/errors';
import {
  completeOidcSignIn,
  createGuardedFetch,
  listOidcSignInOptions,
  type OidcSignInOptions,
  safeCallbackUrl,
  startSsoSession,
} from '@parapet/identity';
import { cookies, headers } from 'next/headers';
import { customFetch } from 'next-auth';
import type { OIDCConfig } from 'next-auth/providers';
import { db } from '../db';
import { readClientAddress } from '../http/read-client-address';
import { type SsoErrorCode, ssoErrorPath } from './sso-errors';
import { writeSessionCookie } from './write-session-cookie';

const providerPrefix = 'oidc-';
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The Auth.js provider id of an OIDC connection. */
export function oidcProviderId(connectionId: string): string {
  return `${providerPrefix}${connectionId}`;
}

/** The connection behind an Auth.js provider id, or null for any other provider. */
export function oidcConnectionIdOf(providerId: string | undefined): string | null {
  if (providerId?.startsWith(providerPrefix) !== true) return null;
  const id = providerId.slice(providerPrefix.length);
  return uuid.test(id) ? id : null;
}

/**
 * One Auth.js OIDC provider per enabled OIDC connection, built from the database when Auth.js
 * builds its configuration (per request; the secrets are opened once per row version). When the
 * request is for one provider (`/api/auth/signin/oidc-…`, `/api/auth/callback/oidc-…`), only that
 * one is read. Auth.js discovers the issuer, sends PKCE (S256), state and nonce and checks all
 * three, and checks the ID token's issuer, audience and expiry; every request it makes to the
 * issuer goes through the guarded fetch (no link-local or metadata addresses, no redirects,
 * size and time limits). The ID token's signature is checked after, in finishOidcSignIn.
 */
export async function oidcProviders(
  request?: Request,
): Promise<OIDCConfig<Record<string, unknown>>[]> {
  const requested = request === undefined ? null : providerInPath(new URL(request.url).pathname);
  const options = await listOidcSignInOptions({
    db: db(),
    ...(requested === null ? {} : { connectionId: requested }),
  });
  return options.map(oidcProviderConfig);
}

/** The Auth.js provider of one connection (what oidcProviders builds for each). */
export function oidcProviderConfig(
  connection: OidcSignInOptions,
): OIDCConfig<Record<string, unknown>> {
  return {
    id: oidcProviderId(connection.connectionId),
    name: connection.name,
    type: 'oidc',
    issuer: connection.issuer,
    clientId: connection.clientId,
    clientSecret: connection.clientSecret,
    checks: ['pkce', 'state', 'nonce'],
    authorization: { params: { scope: 'openid email profile' } },
    idToken: true,
    [customFetch]: guardedFetch,
    // Auth.js wants a user; the console's own account comes from completeSsoSignIn instead.
    profile: (claims) => ({
      id: String(claims.sub),
      email: typeof claims.email === 'string' ? claims.email : null,
      name: typeof claims.name === 'string' ? claims.name : null,
    }),
  };
}

const guardedFetch = createGuardedFetch();

function providerInPath(pathname: string): string | null {
  const match = /\/api\/auth\/(?:signin|callback)\/([^/?#]+)$/.exec(pathname);
  return oidcConnectionIdOf(match?.[1]);
}

/**
 * Auth.js's signIn callback for OIDC providers: completes the sign-in through the identity
 * domain (the ID token's signature, issuer, audience and expiry checked again, claims mapped,
 * membership just in time), starts the console session carrying the connection, sets its
 * cookie, and returns where to go, as the SAML callback does: the callback URL, or the
 * no-access page for a person the mapping gives no console role. Auth.js then redirects there
 * without a session or account of its own. A refusal goes to /sign-in/sso with a fixed code;
 * the reason goes to the server log. Returns null for a provider that is not an OIDC connection.
 */
export async function finishOidcSignIn({
  providerId,
  idToken,
}: {
  providerId: string | undefined;
  idToken: unknown;
}): Promise<string | null> {
  const connectionId = oidcConnectionIdOf(providerId);
  if (connectionId === null) return null;
  const [cookieStore, headerList] = await Promise.all([cookies(), headers()]);
  const callbackUrl = callbackPath(
    cookieStore.get('__Secure-authjs.callback-url')?.value ??
      cookieStore.get('authjs.callback-url')?.value,
  );
  if (typeof idToken !== 'string') return refused('refused', 'no ID token', callbackUrl);
  try {
    const result = await completeOidcSignIn({
      db: db(),
      connectionId,
      idToken,
      ip: readClientAddress(headerList),
    });
    const now = new Date();
    const session = await startSsoSession({ db: db(), userId: result.userId, connectionId, now });
    writeSessionCookie({
      cookies: cookieStore,
      session: { token: session.sessionToken, expires: absoluteSessionEnd(now) },
    });
    return result.role === null && callbackUrl === '/' ? '/sign-in/sso/no-access' : callbackUrl;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const code = refusalCodes[error.code];
    if (code === undefined) throw error;
    return refused(code, error.message, callbackUrl);
  }
}

const refusalCodes: Partial<Record<AppError['code'], SsoErrorCode>> = {
  NOT_FOUND: 'unavailable',
  TOKEN_INVALID: 'refused',
  FORBIDDEN: 'forbidden',
};

function refused(code: SsoErrorCode, reason: string, callbackUrl: string): string {
  // The detail (which check refused) is for the operator's log, not the address bar.
  console.warn(`sso: oidc ${code}: ${reason}`);
  return ssoErrorPath(code, callbackUrl);
}

function callbackPath(value: string | undefined): string {
  if (value === undefined) return '/';
  try {
    const url = new URL(value, 'http://callback.invalid');
    return safeCallbackUrl(`${url.pathname}${url.search}`);
  } catch {
    return '/';
  }
}

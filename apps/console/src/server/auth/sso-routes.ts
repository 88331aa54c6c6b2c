import { absoluteSessionEnd } from '@parapet/accounts';
import { AppError } from '@parapet/errors';
import {
  acceptSamlResponse,
  completeSsoSignIn,
  finishSamlSignIn,
  safeCallbackUrl,
  startSamlSignIn,
  startSsoSession,
} from '@parapet/identity';
import { ResponseCookies } from 'next/dist/server/web/spec-extension/cookies';
import { z } from 'zod';
import { db } from '../db';
import { readClientAddress } from '../http/read-client-address';
import { consoleJackson, samlOrigin } from './saml-jackson';
import { type SsoErrorCode, ssoErrorPath } from './sso-errors';
import {
  decodeSsoPending,
  encodeSsoPending,
  ssoPendingCookieName,
  ssoPendingCookieOptions,
  ssoPendingMaxAgeSeconds,
} from './sso-pending-cookie';
import { writeSessionCookie } from './write-session-cookie';

const noStore = { 'Cache-Control': 'no-store' };

function redirectTo(location: string, status = 303): Response {
  return new Response(null, { status, headers: { ...noStore, location } });
}

function fail(code: SsoErrorCode, reason: unknown, callbackUrl?: string): Response {
  // The detail (which check refused) is for the operator's log, not the address bar.
  console.warn(`sso: ${code}: ${reason instanceof Error ? reason.message : String(reason)}`);
  return redirectTo(ssoErrorPath(code, callbackUrl));
}

/** A sign-in the IdP vouched for that Parapet refused (domain, disabled connection). */
class SignInRefused extends Error {
  constructor(cause: unknown) {
    super(cause instanceof Error ? cause.message : 'refused', { cause });
  }
}

const startQuery = z.object({ connection: z.uuid(), callbackUrl: z.string().optional() });

/**
 * GET /api/sso/start?connection=…&callbackUrl=…: starts a sign-in through any connection. SAML
 * is handled here (the browser goes to the IdP; state, PKCE verifier and destination wait in
 * the pending cookie); OIDC goes through Auth.js's provider for the connection.
 */
export async function startSsoRoute(
  request: Request,
  startOidc: (connectionId: string, callbackUrl: string) => Promise<string>,
): Promise<Response> {
  const url = new URL(request.url);
  const query = startQuery.safeParse(Object.fromEntries(url.searchParams));
  if (!query.success) return fail('unavailable', 'bad start query');
  const callbackUrl = safeCallbackUrl(query.data.callbackUrl);
  const connection = await db().ssoConnection.findUnique({
    where: { id: query.data.connection },
    select: { protocol: true, enabled: true },
  });
  if (!connection?.enabled) return fail('unavailable', 'no such enabled connection', callbackUrl);
  if (connection.protocol === 'oidc') {
    return redirectTo(await startOidc(query.data.connection, callbackUrl));
  }
  return startSaml(request, query.data.connection, callbackUrl);
}

async function startSaml(request: Request, connectionId: string, callbackUrl: string) {
  try {
    const origin = samlOrigin(request.headers);
    const jackson = await consoleJackson(origin);
    const start = await startSamlSignIn({ db: db(), jackson, origin, connectionId });
    const headers = new Headers(noStore);
    new ResponseCookies(headers).set(
      ssoPendingCookieName(),
      encodeSsoPending({ state: start.state, codeVerifier: start.codeVerifier, callbackUrl }),
      { ...ssoPendingCookieOptions(), maxAge: ssoPendingMaxAgeSeconds },
    );
    if (start.redirectUrl) {
      headers.set('location', start.redirectUrl);
      return new Response(null, { status: 303, headers });
    }
    headers.set('content-type', 'text/html; charset=utf-8');
    return new Response(start.form ?? '', { status: 200, headers });
  } catch (error) {
    return fail('unavailable', error, callbackUrl);
  }
}

const acsBody = z.object({
  SAMLResponse: z.string().min(1).max(2_000_000),
  RelayState: z.string().max(2000).default(''),
});

/**
 * POST /api/sso/saml/acs: the IdP's answer. Parapet's checks and jackson's run; on success the
 * browser goes on to the callback with a one-time code.
 */
export async function samlAcsRoute(request: Request): Promise<Response> {
  let body: z.infer<typeof acsBody>;
  try {
    const form = await request.formData();
    body = acsBody.parse({
      SAMLResponse: form.get('SAMLResponse') ?? undefined,
      RelayState: form.get('RelayState') ?? undefined,
    });
  } catch (error) {
    return fail('refused', error);
  }
  try {
    const origin = samlOrigin(request.headers);
    const jackson = await consoleJackson(origin);
    const next = await acceptSamlResponse({
      jackson,
      origin,
      samlResponse: body.SAMLResponse,
      relayState: body.RelayState,
    });
    return redirectTo(next);
  } catch (error) {
    return fail('refused', error);
  }
}

/**
 * GET /api/sso/saml/callback?code=…&state=…: redeems the code with this browser's verifier,
 * completes the sign-in (role mapping, membership just in time), starts the session carrying
 * the connection and sends the person on: to where they were going, to the console, or to the
 * "no access" page when the mapping gives them no console role.
 */
export async function samlCallbackRoute(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const cookieName = ssoPendingCookieName();
  const pending = decodeSsoPending(readCookie(request.headers, cookieName));
  const code = url.searchParams.get('code');
  if (!pending || !code || url.searchParams.get('state') !== pending.state) {
    return fail('expired', 'no pending sign-in, no code or another state');
  }
  const callbackUrl = safeCallbackUrl(pending.callbackUrl);
  try {
    const origin = samlOrigin(request.headers);
    const jackson = await consoleJackson(origin);
    const finished = await finishSamlSignIn({
      db: db(),
      jackson,
      origin,
      code,
      codeVerifier: pending.codeVerifier,
    });
    const result = await completeSsoSignIn({
      db: db(),
      ...finished,
      ip: readClientAddress(request.headers),
    }).catch((error: unknown) => {
      throw new SignInRefused(error);
    });
    const now = new Date();
    const session = await startSsoSession({
      db: db(),
      userId: result.userId,
      connectionId: result.connectionId,
      now,
    });
    const destination =
      result.role === null && callbackUrl === '/' ? '/sign-in/sso/no-access' : callbackUrl;
    const headers = new Headers({ ...noStore, location: destination });
    const cookies = new ResponseCookies(headers);
    writeSessionCookie({
      cookies,
      session: { token: session.sessionToken, expires: absoluteSessionEnd(now) },
    });
    cookies.set(cookieName, '', { ...ssoPendingCookieOptions(), maxAge: 0 });
    return new Response(null, { status: 303, headers });
  } catch (error) {
    if (error instanceof SignInRefused) return fail('forbidden', error.cause, callbackUrl);
    return fail('refused', error, callbackUrl);
  }
}

/** GET /api/sso/saml/metadata: the SP metadata to give the IdP (entity id, ACS, signing key). */
export async function samlMetadataRoute(request: Request): Promise<Response> {
  try {
    const jackson = await consoleJackson(samlOrigin(request.headers));
    const xml = await jackson.spConfig.toXMLMetadata();
    return new Response(xml, {
      status: 200,
      headers: { 'content-type': 'application/xml; charset=utf-8', ...noStore },
    });
  } catch (error) {
    const message = error instanceof AppError ? error.message : 'SAML is not available.';
    return Response.json(
      { error: { code: 'UNAVAILABLE', message } },
      { status: 503, headers: noStore },
    );
  }
}

function readCookie(headers: Headers, name: string): string | undefined {
  for (const part of (headers.get('cookie') ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}

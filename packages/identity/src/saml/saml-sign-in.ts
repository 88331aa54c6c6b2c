import { createHash, randomBytes } from 'node:crypto';
import type { SAMLJackson } from '@boxyhq/saml-jackson';
import type { PrismaClient } from '@parapet/db';
import { AppError } from '@parapet/errors';
import type { SsoProfile } from '../sso/complete-sso-sign-in';
import { checkSamlResponse } from './check-saml-response';
import { redeemCodeOnce } from './redeem-code-once';
import { samlPaths, samlSpValues } from './saml-endpoints';

/** What the browser keeps (in an HttpOnly cookie) between the start and the callback. */
export type SamlPending = { state: string; codeVerifier: string };

export type SamlStart = SamlPending & {
  /** Where to send the browser: the IdP's SSO URL with the signed AuthnRequest. */
  redirectUrl?: string;
  /** Or, for an IdP that takes the request by POST, the self-submitting form to render. */
  form?: string;
};

const refused = (message: string) => new AppError('FORBIDDEN', message);

/**
 * Starts an SP-initiated SAML sign-in through jackson's OAuth 2.0 bridge: jackson signs an
 * AuthnRequest for the connection's IdP and remembers it (its id is the InResponseTo the answer
 * must carry); PKCE and `state` bind the code that comes back to this browser.
 */
export async function startSamlSignIn({
  db,
  jackson,
  origin,
  connectionId,
}: {
  db: PrismaClient;
  jackson: SAMLJackson;
  origin: string;
  connectionId: string;
}): Promise<SamlStart> {
  const connection = await db.ssoConnection.findUnique({ where: { id: connectionId } });
  if (!connection?.enabled || connection.protocol !== 'saml' || !connection.samlClientId) {
    throw new AppError('NOT_FOUND', 'This SSO connection is not available.');
  }
  const state = randomBytes(24).toString('base64url');
  const codeVerifier = randomBytes(32).toString('base64url');
  const result = await jackson.oauthController.authorize({
    client_id: connection.samlClientId,
    redirect_uri: `${origin}${samlPaths.callback}`,
    response_type: 'code',
    state,
    code_challenge: createHash('sha256').update(codeVerifier).digest('base64url'),
    code_challenge_method: 'S256',
  });
  if ('error' in result && result.error)
    throw refused(`The sign-in could not start: ${result.error}`);
  const start: SamlStart = { state, codeVerifier };
  if (result.redirect_url) start.redirectUrl = result.redirect_url;
  if (result.authorize_form) start.form = result.authorize_form;
  if (!start.redirectUrl && !start.form) throw refused('The sign-in could not start.');
  return start;
}

/**
 * The ACS: Parapet's own checks (checkSamlResponse), then jackson's (signature against the IdP's
 * certificate from its metadata, InResponseTo against a request it made and has not yet seen
 * answered, then it forgets that request, so the same response posted again finds nothing).
 * Returns where to send the browser: the callback with a one-time code.
 */
export async function acceptSamlResponse({
  jackson,
  origin,
  samlResponse,
  relayState,
  now,
}: {
  jackson: SAMLJackson;
  origin: string;
  samlResponse: string;
  relayState: string;
  now?: Date;
}): Promise<string> {
  const { acsUrl, spEntityId } = samlSpValues(origin);
  const xml = Buffer.from(samlResponse, 'base64').toString('utf8');
  const check = checkSamlResponse({ xml, acsUrl, audience: spEntityId, ...(now ? { now } : {}) });
  if (!check.ok) throw refused(`The SAML response was refused: ${check.reason}.`);
  const result = await jackson.oauthController
    .samlResponse({ SAMLResponse: samlResponse, RelayState: relayState })
    .catch((error: unknown) => {
      throw refused(`The SAML response was refused: ${jacksonReason(error)}`);
    });
  // Jackson answers a response it refuses with a redirect carrying the error, not a throw.
  if (result.error || !result.redirect_url) {
    throw refused(`The SAML response was refused: ${result.error ?? 'invalid'}`);
  }
  return result.redirect_url;
}

/**
 * The callback: exchanges the one-time code (refused the second time, see redeemCodeOnce) (with the PKCE verifier of this browser) for the
 * profile jackson extracted from the validated assertion, and names the connection it came
 * through. Attribute values become lists, as the role mapping reads them.
 */
export async function finishSamlSignIn({
  db,
  jackson,
  origin,
  code,
  codeVerifier,
}: {
  db: PrismaClient;
  jackson: SAMLJackson;
  origin: string;
  code: string;
  codeVerifier: string;
}): Promise<{ connectionId: string; profile: SsoProfile }> {
  if (!(await redeemCodeOnce({ db, code }))) throw refused('This sign-in code was already used.');
  const token = await jackson.oauthController
    .token({
      code,
      code_verifier: codeVerifier,
      grant_type: 'authorization_code',
      redirect_uri: `${origin}${samlPaths.callback}`,
    })
    .catch(() => {
      throw refused('The sign-in code was refused; start again.');
    });
  const info = await jackson.oauthController.userInfo(token.access_token);
  const clientId = info.requested?.client_id;
  const connection = clientId
    ? await db.ssoConnection.findUnique({ where: { samlClientId: clientId }, select: { id: true } })
    : null;
  if (!connection) throw refused('The SSO connection of this sign-in no longer exists.');
  const name = [info.firstName, info.lastName].filter(Boolean).join(' ').trim();
  return {
    connectionId: connection.id,
    profile: { email: info.email, ...(name ? { name } : {}), attributes: toAttributes(info.raw) },
  };
}

function toAttributes(raw: unknown): Record<string, string[]> {
  const attributes: Record<string, string[]> = {};
  if (!raw || typeof raw !== 'object') return attributes;
  for (const [name, value] of Object.entries(raw as Record<string, unknown>)) {
    const values = Array.isArray(value) ? value : [value];
    attributes[name] = values.filter((item): item is string => typeof item === 'string');
  }
  return attributes;
}

/** Jackson's own reason (its public message is a generic "Something wrong happened"). */
function jacksonReason(error: unknown): string {
  if (!(error instanceof Error)) return 'invalid';
  const internal = (error as Error & { internalError?: unknown }).internalError;
  return typeof internal === 'string' && internal ? internal : error.message;
}

import { z } from 'zod';
import { createGuardedFetch, isLoopbackHost } from './guarded-fetch';

/** What Parapet uses from an issuer's discovery document, checked at save time. */
export type OidcIssuerMetadata = {
  issuer: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  jwksUri: string;
  userinfoEndpoint: string | null;
  /** The scopes the issuer lists (empty when it lists none). */
  scopesSupported: string[];
};

export type OidcDiscoveryOutcome =
  | { ok: true; metadata: OidcIssuerMetadata }
  | { ok: false; message: string };

const endpoint = z.string().min(1).max(2000);

// Only the members Parapet relies on; providers add many more, which are ignored.
const discoverySchema = z.object({
  issuer: z.string().min(1).max(2000),
  authorization_endpoint: endpoint,
  token_endpoint: endpoint,
  jwks_uri: endpoint,
  userinfo_endpoint: endpoint.optional(),
  response_types_supported: z.array(z.string()).min(1),
  code_challenge_methods_supported: z.array(z.string()).optional(),
  scopes_supported: z.array(z.string()).optional(),
});

/**
 * Checks an issuer URL as typed by an owner: absolute, https (plain http only on loopback, for
 * a provider on the same machine), no credentials, query or fragment.
 */
export function parseIssuerUrl(
  text: string,
): { ok: true; issuer: string } | { ok: false; message: string } {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return { ok: false, message: 'Enter the issuer as a full URL, e.g. https://example.okta.com.' };
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(url.hostname))) {
    return {
      ok: false,
      message: 'The issuer must be an https:// URL (plain http only on loopback).',
    };
  }
  if (url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '') {
    return {
      ok: false,
      message: 'The issuer URL may not hold credentials, a query or a fragment.',
    };
  }
  return { ok: true, issuer: text.trim() };
}

/**
 * Reads `<issuer>/.well-known/openid-configuration` and refuses an issuer Parapet cannot sign
 * in with safely: the document names another issuer (OpenID Connect Discovery §4.3), lacks an
 * authorization, token or keys endpoint, points them at a plain-http address off loopback, does
 * not offer the authorization code flow, or lists PKCE methods without S256. A provider that
 * lists no PKCE methods at all (Entra ID's document does not) is accepted: Parapet sends S256
 * regardless, and one that ignores it still faces state and nonce checks.
 */
export async function discoverOidcIssuer({
  issuer,
  fetch: fetchImpl = createGuardedFetch(),
}: {
  issuer: string;
  fetch?: typeof fetch;
}): Promise<OidcDiscoveryOutcome> {
  const parsed = parseIssuerUrl(issuer);
  if (!parsed.ok) return parsed;
  const documentUrl = `${trimSlash(parsed.issuer)}/.well-known/openid-configuration`;
  let document: unknown;
  try {
    const response = await fetchImpl(documentUrl, { headers: { accept: 'application/json' } });
    if (response.status >= 300 && response.status < 400) {
      return {
        ok: false,
        message: `${documentUrl} redirects elsewhere; enter the issuer it names.`,
      };
    }
    if (!response.ok)
      return { ok: false, message: `${documentUrl} answered HTTP ${response.status}.` };
    document = await response.json();
  } catch (error) {
    return { ok: false, message: `${documentUrl} could not be read: ${describe(error)}` };
  }
  return checkDiscoveryDocument({ issuer: parsed.issuer, document });
}

/** The checks of a discovery document once read; separate so each refusal is easy to test. */
export function checkDiscoveryDocument({
  issuer,
  document,
}: {
  issuer: string;
  document: unknown;
}): OidcDiscoveryOutcome {
  const result = discoverySchema.safeParse(document);
  if (!result.success) {
    const fields = [...new Set(result.error.issues.map((issue) => issue.path.join('.')))];
    return { ok: false, message: `The discovery document lacks or garbles: ${fields.join(', ')}.` };
  }
  const found = result.data;
  // Discovery compares issuers exactly; the one leniency is a trailing slash the owner added or
  // left out (Auth0's issuers end with one, Okta's do not), and the document's spelling is kept.
  if (trimSlash(found.issuer) !== trimSlash(issuer)) {
    return {
      ok: false,
      message: `The discovery document names the issuer ${found.issuer}, not ${issuer}.`,
    };
  }
  for (const [name, value] of [
    ['authorization_endpoint', found.authorization_endpoint],
    ['token_endpoint', found.token_endpoint],
    ['jwks_uri', found.jwks_uri],
    ['userinfo_endpoint', found.userinfo_endpoint],
  ] as const) {
    if (value !== undefined && !isAllowedEndpoint(value)) {
      return { ok: false, message: `${name} (${value}) must be an https:// URL.` };
    }
  }
  if (!found.response_types_supported.includes('code')) {
    return { ok: false, message: 'The issuer does not offer the authorization code flow.' };
  }
  const pkce = found.code_challenge_methods_supported;
  if (pkce !== undefined && !pkce.includes('S256')) {
    return { ok: false, message: 'The issuer does not offer PKCE with S256.' };
  }
  return {
    ok: true,
    metadata: {
      issuer: found.issuer,
      authorizationEndpoint: found.authorization_endpoint,
      tokenEndpoint: found.token_endpoint,
      jwksUri: found.jwks_uri,
      userinfoEndpoint: found.userinfo_endpoint ?? null,
      scopesSupported: found.scopes_supported ?? [],
    },
  };
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

function isAllowedEndpoint(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname));
  } catch {
    return false;
  }
}

function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.length > 200 ? `${message.slice(0, 200)}…` : message;
}

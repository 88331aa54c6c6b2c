import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type Configuration, type KoaContextWithOIDC } from 'oidc-provider';

/** A person the test provider knows; they sign in with their email as the login (any password). */
export type OidcTestAccount = {
  email: string;
  name?: string;
  /** The groups claim; left out of the tokens when undefined. */
  groups?: string[];
  /** Defaults to true; false lets a test see an unverified address refused. */
  emailVerified?: boolean;
};

export type StartedOidcProvider = {
  /** The issuer URL (no trailing slash), also the discovery base. */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The claim that carries group names. */
  groupsClaim: string;
  /** Adds or replaces a person, effective for the next sign-in. */
  setAccount(account: OidcTestAccount): void;
  stop(): Promise<void>;
};

export type StartOidcProviderOptions = {
  /** Exact redirect URIs the static client may use. */
  redirectUris?: string[];
  /**
   * Any redirect URI starting with this is allowed too: the console's callback path holds the
   * connection id, which exists only after the test created the connection.
   */
  redirectUriPrefix?: string;
  accounts?: OidcTestAccount[];
  clientId?: string;
  clientSecret?: string;
  groupsClaim?: string;
  host?: string;
};

/**
 * Starts a real OpenID Provider (panva's oidc-provider, the certified implementation) on a free
 * loopback port for tests: one confidential client (client_secret_basic and _post), the
 * authorization code flow with PKCE, a fresh RSA signing key per instance, and the development
 * login form (login = the person's email, any password) that Playwright or `signInWithCodeFlow`
 * can fill in. Consent is granted without asking, as a company IdP does for its own apps.
 * Scopes and claims: `openid`, `email` (email, email_verified) and `profile` (name and the
 * groups claim), all put into the ID token as well as userinfo, as Okta and Entra ID do once
 * configured. oidc-provider 9 warns that it wants Node 22; it runs on Node 20 regardless.
 */
export async function startOidcProvider(
  options: StartOidcProviderOptions = {},
): Promise<StartedOidcProvider> {
  const host = options.host ?? '127.0.0.1';
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  const issuer = `http://${host}:${port}`;
  const clientId = options.clientId ?? 'parapet-console';
  const clientSecret = options.clientSecret ?? randomBytes(24).toString('base64url');
  const groupsClaim = options.groupsClaim ?? 'groups';
  const accounts = new Map<string, OidcTestAccount>();
  for (const account of options.accounts ?? []) accounts.set(account.email.toLowerCase(), account);

  const provider = new Provider(
    issuer,
    providerConfiguration({
      clientId,
      clientSecret,
      groupsClaim,
      accounts,
      redirectUris: options.redirectUris ?? [],
    }),
  );
  // The development interactions sit behind plain http on loopback; nothing else is proxied.
  provider.proxy = false;
  const prefix = options.redirectUriPrefix;
  if (prefix !== undefined) {
    const exact = provider.Client.prototype.redirectUriAllowed;
    provider.Client.prototype.redirectUriAllowed = function allowByPrefix(value: string) {
      return value.startsWith(prefix) || exact.call(this, value);
    };
  }
  server.on('request', provider.callback());
  return {
    issuer,
    clientId,
    clientSecret,
    groupsClaim,
    setAccount: (account) => accounts.set(account.email.toLowerCase(), account),
    stop: () => closeServer(server),
  };
}

function providerConfiguration({
  clientId,
  clientSecret,
  groupsClaim,
  accounts,
  redirectUris,
}: {
  clientId: string;
  clientSecret: string;
  groupsClaim: string;
  accounts: Map<string, OidcTestAccount>;
  redirectUris: string[];
}): Configuration {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const signingKey = {
    ...privateKey.export({ format: 'jwk' }),
    kid: randomBytes(8).toString('hex'),
    use: 'sig',
    alg: 'RS256',
  };
  return {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: redirectUris.length > 0 ? redirectUris : ['http://127.0.0.1/unused'],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    jwks: { keys: [signingKey] },
    pkce: { required: () => true },
    scopes: ['openid', 'email', 'profile'],
    // The groups claim rides with `profile`: Parapet asks for `openid email profile` only, as
    // Okta's and Entra ID's groups claims are configured on the app, not requested by scope.
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['name', groupsClaim],
    },
    conformIdTokenClaims: false,
    ttl: { Interaction: 600, Grant: 3600, Session: 3600, AccessToken: 600, IdToken: 600 },
    features: { devInteractions: { enabled: true } },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    findAccount: async (_ctx, sub) => {
      const account = accounts.get(sub.toLowerCase());
      if (account === undefined) return undefined;
      return {
        accountId: sub,
        claims: async () => ({
          sub: account.email.toLowerCase(),
          email: account.email,
          email_verified: account.emailVerified ?? true,
          ...(account.name === undefined ? {} : { name: account.name }),
          ...(account.groups === undefined ? {} : { [groupsClaim]: account.groups }),
        }),
      };
    },
    loadExistingGrant: grantEverythingAsked,
  };
}

// The company's own app needs no consent screen: grant what the client asked for.
async function grantEverythingAsked(ctx: KoaContextWithOIDC) {
  const { oidc } = ctx;
  const session = oidc.session;
  const client = oidc.client;
  if (session?.accountId === undefined || client === undefined) return undefined;
  const grantId = oidc.result?.consent?.grantId ?? session.grantIdFor(client.clientId);
  if (grantId) {
    const found = await oidc.provider.Grant.find(grantId);
    if (found) return found;
  }
  const grant = new oidc.provider.Grant({
    clientId: client.clientId,
    accountId: session.accountId,
  });
  grant.addOIDCScope(String(oidc.params?.scope ?? 'openid'));
  await grant.save();
  return grant;
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve, reject) =>
    server.close((error) => (error ? reject(error) : resolve())),
  );
}

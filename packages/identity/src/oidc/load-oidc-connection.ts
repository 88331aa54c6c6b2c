import type { PrismaClient } from '@parapet/db';
import { openSecret } from '@parapet/db/secrets';
import { discoverOidcIssuer, type OidcIssuerMetadata } from './discover-oidc-issuer';
import { oidcClientSecretPurpose } from './oidc-connection-schemas';

/** What a sign-in through one OIDC connection needs, the secret opened. Never shown or logged. */
export type OidcSignInConnection = {
  id: string;
  orgId: string;
  name: string;
  issuer: string;
  clientId: string;
  clientSecret: string;
  groupsClaim: string;
  metadata: OidcIssuerMetadata;
};

// Discovery is repeated at most this often per connection: issuers move their endpoints rarely.
const discoveryTtlMs = 10 * 60_000;
const cache = new Map<
  string,
  { version: number; loadedAt: number; connection: OidcSignInConnection }
>();

/**
 * The enabled OIDC connection with this id, ready for a sign-in, or null (unknown, disabled,
 * another protocol, or an issuer that cannot be discovered now). Cached per connection and keyed
 * by the row's update time, so an owner's change applies to the very next sign-in.
 */
export async function loadOidcConnection({
  db,
  connectionId,
  fetch,
  now = new Date(),
}: {
  db: PrismaClient;
  connectionId: string;
  fetch?: typeof globalThis.fetch;
  now?: Date;
}): Promise<OidcSignInConnection | null> {
  // Sign-in comes before any organization is known: the connection id alone selects the row.
  const row = await db.ssoConnection.findUnique({ where: { id: connectionId } });
  if (!row?.enabled || row.protocol !== 'oidc') return null;
  const { oidcIssuer, oidcClientId, oidcClientSecretSealed } = row;
  if (oidcIssuer === null || oidcClientId === null || oidcClientSecretSealed === null) return null;
  const version = row.updatedAt.getTime();
  const cached = cache.get(row.id);
  if (cached?.version === version && now.getTime() - cached.loadedAt < discoveryTtlMs) {
    return cached.connection;
  }
  const discovered = await discoverOidcIssuer({
    issuer: oidcIssuer,
    ...(fetch === undefined ? {} : { fetch }),
  });
  if (!discovered.ok) return null;
  const connection: OidcSignInConnection = {
    id: row.id,
    orgId: row.orgId,
    name: row.name,
    issuer: discovered.metadata.issuer,
    clientId: oidcClientId,
    clientSecret: openSecret({
      sealed: oidcClientSecretSealed,
      purpose: oidcClientSecretPurpose,
      orgId: row.orgId,
    }).toString('utf8'),
    groupsClaim: row.groupsAttribute,
    metadata: discovered.metadata,
  };
  cache.set(row.id, { version, loadedAt: now.getTime(), connection });
  return connection;
}

/** Forgets a connection's cached sign-in settings (after it is deleted, for one). */
export function forgetOidcConnection(connectionId: string): void {
  cache.delete(connectionId);
}

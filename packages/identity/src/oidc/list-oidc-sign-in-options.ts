import type { PrismaClient } from '@parapet/db';
import { openSecret } from '@parapet/db/secrets';
import { oidcClientSecretPurpose } from './oidc-connection-schemas';

/** What an OAuth client library needs to start and finish a sign-in through one connection. */
export type OidcSignInOptions = {
  connectionId: string;
  name: string;
  issuer: string;
  clientId: string;
  clientSecret: string;
};

// Opened secrets, keyed by connection and the row's update time: a changed or removed row is
// never served from here, and opening (AES-GCM) is skipped for rows that did not change.
const opened = new Map<string, { version: number; options: OidcSignInOptions }>();

/**
 * The enabled OIDC connections, every organization's (a sign-in comes before anyone knows the
 * organization), or only the one with `connectionId`. No network: the OAuth library discovers
 * the issuer itself when the sign-in starts, through the guarded fetch.
 */
export async function listOidcSignInOptions({
  db,
  connectionId,
}: {
  db: PrismaClient;
  connectionId?: string;
}): Promise<OidcSignInOptions[]> {
  const rows = await db.ssoConnection.findMany({
    where: {
      protocol: 'oidc',
      enabled: true,
      ...(connectionId === undefined ? {} : { id: connectionId }),
    },
    orderBy: { createdAt: 'asc' },
    take: connectionId === undefined ? 1000 : 1,
  });
  const result: OidcSignInOptions[] = [];
  for (const row of rows) {
    const { oidcIssuer, oidcClientId, oidcClientSecretSealed } = row;
    if (oidcIssuer === null || oidcClientId === null || oidcClientSecretSealed === null) continue;
    const version = row.updatedAt.getTime();
    const cached = opened.get(row.id);
    if (cached?.version === version) {
      result.push(cached.options);
      continue;
    }
    const clientSecret = openSecret({
      sealed: oidcClientSecretSealed,
      purpose: oidcClientSecretPurpose,
      orgId: row.orgId,
    }).toString('utf8');
    const options = {
      connectionId: row.id,
      name: row.name,
      issuer: oidcIssuer,
      clientId: oidcClientId,
      clientSecret,
    };
    opened.set(row.id, { version, options });
    result.push(options);
  }
  return result;
}

import type { PrismaClient } from '@parapet/db';
import { emailDomain } from './email-domain';

export type SsoChoice = { id: string; name: string; protocol: 'saml' | 'oidc'; orgId: string };

/**
 * The enabled connections a person signs in with, found by the domain of their email among
 * the claimed domains. Empty when the domain is unclaimed or its organization has no enabled
 * connection; the caller answers both the same way, so the page reveals no more than "SSO is
 * not set up for this address".
 */
export async function findSsoConnectionsForEmail({
  db,
  email,
}: {
  db: PrismaClient;
  email: string;
}): Promise<SsoChoice[]> {
  const domain = emailDomain(email);
  const claim = await db.orgDomain.findUnique({ where: { domain }, select: { orgId: true } });
  if (!claim) return [];
  const rows = await db.ssoConnection.findMany({
    where: { orgId: claim.orgId, enabled: true },
    orderBy: { createdAt: 'asc' },
    select: { id: true, name: true, protocol: true, orgId: true },
  });
  return rows.map((row) => ({ ...row, protocol: row.protocol === 'oidc' ? 'oidc' : 'saml' }));
}

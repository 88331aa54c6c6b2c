import type { Role } from '@parapet/db';
import { scopedDb } from '@parapet/db/scoped';
import type { MemberContext } from '../shared/actor';
import { assertRole } from '../shared/assert-role';

/** An API key as anyone may see it: never the secret, only its first characters. */
export type ApiKeyRow = {
  id: string;
  name: string;
  role: Role;
  prefix: string;
  createdBy: string | null;
  createdAt: Date;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
};

/** The organization's API keys, newest first, revoked and expired ones included. */
export async function listApiKeys({ db, actor }: MemberContext): Promise<ApiKeyRow[]> {
  assertRole(actor, 'auditor');
  const keys = await scopedDb({ prisma: db, orgId: actor.orgId }).apiKey.findMany({
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
  });
  return keys.map((key) => ({
    id: key.id,
    name: key.name,
    role: key.role,
    prefix: key.prefix,
    createdBy: key.createdByEmail,
    createdAt: key.createdAt,
    expiresAt: key.expiresAt,
    lastUsedAt: key.lastUsedAt,
    revokedAt: key.revokedAt,
  }));
}

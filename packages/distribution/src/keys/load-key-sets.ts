import type { PrismaClient } from '@parapet/db';
import { provisionSigningKeys } from './ensure-org-signing-keys';

/**
 * The organization's whole key-set chain, version 1 first, each the JWS exactly as signed:
 * what `GET /v1/keys` and enrollment hand to devices. Provisions the first key set for an
 * organization that has none yet.
 */
export async function loadKeySets({
  db,
  orgId,
}: {
  db: PrismaClient;
  orgId: string;
}): Promise<string[]> {
  await provisionSigningKeys({ db, orgId });
  const keySets = await db.keySet.findMany({
    where: { orgId },
    orderBy: { version: 'asc' },
    select: { document: true },
  });
  return keySets.map((keySet) => keySet.document);
}

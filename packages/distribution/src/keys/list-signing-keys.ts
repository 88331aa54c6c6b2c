import { assertRole, type MemberContext } from '@parapet/accounts';
import type { PublicJwk } from '@parapet/bundle';
import type { PrismaClient, SigningKeyState } from '@parapet/db';
import { scopedDb } from '@parapet/db/scoped';
import { provisionSigningKeys } from './ensure-org-signing-keys';
import { readKeySetClaims } from './key-set-document';

export type SigningKeyRow = {
  kid: string;
  /** `active` signs; `retiring` still signs, until retired; `retired` signs nothing. */
  state: SigningKeyState;
  createdAt: Date;
  retiredAt: Date | null;
  publicJwk: PublicJwk;
};

export type KeySetRow = { version: number; createdAt: Date; kids: string[] };

export type SigningKeysView = {
  /** Newest first. Public parts only. */
  keys: SigningKeyRow[];
  /** The chain, newest first. */
  keySets: KeySetRow[];
  currentKeySetVersion: number;
};

/** The org's signing keys (never a private part) and its key-set chain. Auditors and up. */
export async function listSigningKeys({
  db,
  actor,
}: Pick<MemberContext, 'db' | 'actor'>): Promise<SigningKeysView> {
  assertRole(actor, 'auditor');
  await provisionSigningKeys({ db, orgId: actor.orgId });
  return readSigningKeys({ db, orgId: actor.orgId });
}

export async function readSigningKeys({
  db,
  orgId,
}: {
  db: PrismaClient;
  orgId: string;
}): Promise<SigningKeysView> {
  const scoped = scopedDb({ prisma: db, orgId });
  const [keys, keySets] = await Promise.all([
    scoped.signingKey.findMany({
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      select: { kid: true, state: true, createdAt: true, retiredAt: true, publicJwk: true },
    }),
    scoped.keySet.findMany({
      orderBy: { version: 'desc' },
      select: { version: true, createdAt: true, document: true },
    }),
  ]);
  return {
    keys: keys.map((key) => ({ ...key, publicJwk: key.publicJwk as PublicJwk })),
    keySets: keySets.map(({ version, createdAt, document }) => ({
      version,
      createdAt,
      kids: readKeySetClaims(document).keys.map((key) => key.kid),
    })),
    currentKeySetVersion: keySets[0]?.version ?? 0,
  };
}

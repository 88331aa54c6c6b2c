import type { Bundle, PrismaClient } from '@parapet/db';
import { AppError } from '@parapet/errors';
import { provisionSigningKeys } from '../keys/ensure-org-signing-keys';
import { loadSigners } from '../keys/load-signers';
import { lockAdvisory } from '../shared/lock-advisory';
import { buildBundle } from './build-bundle';
import { groupSetKeyOf, narrowGroups } from './group-set';
import { loadPublishedPolicy } from './load-published-policy';
import { defaultBundleTtlSeconds, resignIfExpiring } from './resign-if-expiring';

export type EnsuredBundle = {
  ver: number;
  etag: string;
  /** The JWS bytes, exactly as served. */
  document: string;
  sub: string;
  iat: Date;
  exp: Date;
  keySetVersion: number;
  policyVersion: number;
  /** The groups the bundle applies, as narrowed against its policy version. */
  groups: string[];
  groupSetKey: string;
};

// A generation can move on while a bundle is being prepared (a publish commits): the loop
// starts over with the new one, a few times at most.
const maxAttempts = 5;

/**
 * The signed bundle of the org's current generation for `groups`, built once: the first caller
 * (on any replica) compiles the latest published policy, narrows it, signs it with every key
 * that signs and stores it, under an advisory lock on (org, group set); everyone else reads the
 * stored row. A stored bundle past half its lifetime starts a new generation first
 * (resignIfExpiring), so no caller is handed a bundle about to expire. No publish yet: the
 * empty policy (everything denied), policyVersion 0.
 */
export async function ensureBundle({
  db,
  orgId,
  groups,
  issuer,
  now = new Date(),
  ttlSeconds = defaultBundleTtlSeconds,
}: {
  db: PrismaClient;
  orgId: string;
  groups: readonly string[];
  /** The control plane's public URL: the bundle's `iss`. */
  issuer: string;
  now?: Date;
  ttlSeconds?: number;
}): Promise<EnsuredBundle> {
  for (let attempt = 0; attempt < maxAttempts; attempt += 1) {
    const organization = await db.organization.findUnique({
      where: { id: orgId },
      select: { bundleVer: true, lastPolicyVersion: true },
    });
    if (!organization) throw new AppError('NOT_FOUND', 'There is no such organization.');
    const { bundleVer: ver, lastPolicyVersion } = organization;
    const policy = await loadPublishedPolicy({ db, orgId, version: lastPolicyVersion });
    const narrowed = narrowGroups(groups, policy.groupNames);
    const groupSetKey = groupSetKeyOf(narrowed);
    const where = { orgId_groupSetKey_ver: { orgId, groupSetKey, ver } };
    const stored = await db.bundle.findUnique({ where });
    if (stored && isFresh(stored, now, ttlSeconds)) return toEnsured(stored);
    if (stored) {
      await resignIfExpiring({ db, orgId, now, ttlSeconds });
      continue;
    }
    await provisionSigningKeys({ db, orgId, now });
    const built = await db.$transaction(
      async (tx) => {
        await lockAdvisory(tx, `bundle:${orgId}:${groupSetKey}`);
        const current = await tx.organization.findUniqueOrThrow({
          where: { id: orgId },
          select: { bundleVer: true, lastPolicyVersion: true },
        });
        if (current.bundleVer !== ver || current.lastPolicyVersion !== lastPolicyVersion) {
          return undefined;
        }
        const existing = await tx.bundle.findUnique({ where });
        if (existing) return existing;
        const { signers, keySetVersion } = await loadSigners(tx, { orgId });
        const bundle = await buildBundle({
          orgId,
          issuer,
          ver,
          policy,
          groups: narrowed,
          signers,
          now,
          ttlSeconds,
        });
        return tx.bundle.create({
          data: {
            orgId,
            groupSetKey,
            groups: narrowed,
            ver,
            policyVersion: policy.version,
            keySetVersion,
            ...bundle,
            createdAt: now,
          },
        });
      },
      // Signing waits on the lock behind another replica's signing of the same bundle.
      { timeout: 30_000, maxWait: 10_000 },
    );
    if (built) return toEnsured(built);
  }
  throw new AppError('BUSY', 'The policy kept changing while its bundle was built: try again.', {
    retryAfterSeconds: 1,
  });
}

function isFresh(bundle: Bundle, now: Date, ttlSeconds: number): boolean {
  return bundle.exp.getTime() - now.getTime() > (ttlSeconds * 1000) / 2;
}

function toEnsured(bundle: Bundle): EnsuredBundle {
  return {
    ver: bundle.ver,
    etag: bundle.etag,
    document: bundle.document,
    sub: bundle.sub,
    iat: bundle.iat,
    exp: bundle.exp,
    keySetVersion: bundle.keySetVersion,
    policyVersion: bundle.policyVersion,
    groups: bundle.groups,
    groupSetKey: bundle.groupSetKey,
  };
}

import {
  ACTIVITY_CHECKPOINT_TYPE,
  readActivityCheckpoint,
  signActivityCheckpoint,
} from './activity-checkpoint';
import { activityCheckpointKey } from './activity-checkpoint-key';
import type { ActivityDb } from './activity-db';
import {
  type ActivityChainAnchor,
  type ActivityChainWalk,
  walkActivityChain,
} from './walk-activity-chain';

/**
 * Verifies the org's chain from the position verified last time to the newest entry, and moves
 * the position there. What this checks: every entry appended since, linked to the position's
 * entry, which must still be there with the verified hash and content (else the answer is broken
 * at its `seq`, never a fresh start that would accept a shorter log); that no entry before it is
 * missing (a count, then a walk from the start to say which); and the tail against
 * `last_activity_seq`. What it does not re-check: the content of entries before the position,
 * which were verified when they were new. A walk from the start (`verifyActivityChain`'s
 * default, and every checkpoint check) covers those.
 */
export async function walkSinceVerifiedPosition({
  db,
  orgId,
  now = new Date(),
}: {
  db: ActivityDb;
  orgId: string;
  now?: Date;
}): Promise<ActivityChainWalk> {
  const position = await readVerifiedPosition({ db, orgId });
  let walk = await walkActivityChain({ db, orgId, from: position });
  if (walk.ok && position) {
    const present = await db.activityLogEntry.count({
      where: { orgId, seq: { gte: 1, lte: position.seq } },
    });
    if (present !== position.seq) walk = await walkActivityChain({ db, orgId });
  }
  if (walk.ok && walk.head.seq > (position?.seq ?? 0)) {
    await storeVerifiedPosition({ db, orgId, anchor: walk.head, now });
  }
  return walk;
}

/**
 * The stored position, if its signature shows this console stored it for this org. One that does
 * not (written by hand, copied from another org, or from before the master key changed) is
 * ignored: the walk then starts from the first entry, which checks more, not less.
 */
async function readVerifiedPosition({
  db,
  orgId,
}: {
  db: ActivityDb;
  orgId: string;
}): Promise<ActivityChainAnchor | undefined> {
  const row = await db.activityVerifiedPosition.findUnique({ where: { orgId } });
  if (!row) return undefined;
  const { keyId, publicKey } = activityCheckpointKey();
  const reading = readActivityCheckpoint({
    statement: {
      type: ACTIVITY_CHECKPOINT_TYPE,
      version: 1,
      org: orgId,
      seq: row.seq,
      hash: row.hash,
      time: row.verifiedAt.toISOString(),
    },
    signature: { algorithm: 'Ed25519', keyId, publicKey, value: row.signature },
  });
  return reading.ok && reading.statement.seq > 0 ? { seq: row.seq, hash: row.hash } : undefined;
}

async function storeVerifiedPosition({
  db,
  orgId,
  anchor,
  now,
}: {
  db: ActivityDb;
  orgId: string;
  anchor: ActivityChainAnchor;
  now: Date;
}): Promise<void> {
  const { signature } = signActivityCheckpoint({ orgId, ...anchor, time: now });
  const position = {
    seq: anchor.seq,
    hash: anchor.hash,
    verifiedAt: now,
    signature: signature.value,
  };
  // Two views verifying at once may store in either order; an older position only means a
  // longer walk next time.
  await db.activityVerifiedPosition.upsert({
    where: { orgId },
    create: { orgId, ...position },
    update: position,
  });
}

import type { ActivityLogEntry } from '../generated/prisma/client';
import { activityChainKey } from './activity-chain-key';
import type { ActivityDb } from './activity-db';
import type { JsonValue } from './canonical-json';
import { GENESIS_HASH, hashActivityEntry } from './hash-activity-entry';

export type ActivityChainBreak = 'content_changed' | 'missing_entry' | 'prev_hash_mismatch';

export type ActivityChainVerdict =
  | { ok: true; count: number }
  | { ok: false; count: number; brokenAtSeq: number; reason: ActivityChainBreak };

const BATCH_SIZE = 500;

/**
 * Walks the org's activity log in `seq` order and checks every link: each entry's hash matches
 * its content, its `prevHash` is the previous entry's hash, and no `seq` is missing — including
 * at the end, against `organizations.last_activity_seq`. `count` is the number of entries that
 * verified before the first break (all of them when `ok`). Hashes are keyed (see
 * `activityChainKey`), so a rewritten tail fails even when its links were recomputed; a tail cut
 * off together with the anchor does not (see the README: it needs an external checkpoint).
 */
export async function verifyActivityChain({
  db,
  orgId,
}: {
  db: ActivityDb;
  orgId: string;
}): Promise<ActivityChainVerdict> {
  const key = activityChainKey();
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  for (;;) {
    const batch = await db.activityLogEntry.findMany({
      where: { orgId, seq: { gte: expectedSeq } },
      orderBy: { seq: 'asc' },
      take: BATCH_SIZE,
    });
    for (const entry of batch) {
      const reason = checkLink({ entry, expectedSeq, prevHash, key });
      if (reason) return { ok: false, count: expectedSeq - 1, brokenAtSeq: expectedSeq, reason };
      expectedSeq += 1;
      prevHash = entry.hash;
    }
    if (batch.length < BATCH_SIZE) break;
  }
  const count = expectedSeq - 1;
  const org = await db.organization.findUnique({
    where: { id: orgId },
    select: { lastActivitySeq: true },
  });
  if (org && org.lastActivitySeq > count) {
    return { ok: false, count, brokenAtSeq: count + 1, reason: 'missing_entry' };
  }
  return { ok: true, count };
}

function checkLink({
  entry,
  expectedSeq,
  prevHash,
  key,
}: {
  entry: ActivityLogEntry;
  expectedSeq: number;
  prevHash: string;
  key: Buffer;
}): ActivityChainBreak | undefined {
  if (entry.seq !== expectedSeq) return 'missing_entry';
  if (entry.prevHash !== prevHash) return 'prev_hash_mismatch';
  const recomputed = hashActivityEntry({
    entry: { ...entry, details: entry.details as JsonValue },
    key,
  });
  if (recomputed !== entry.hash) return 'content_changed';
  return undefined;
}

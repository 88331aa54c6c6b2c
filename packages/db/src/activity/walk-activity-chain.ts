import type { ActivityLogEntry } from '../generated/prisma/client';
import { activityChainKey } from './activity-chain-key';
import type { ActivityDb } from './activity-db';
import type { JsonValue } from './canonical-json';
import { GENESIS_HASH, hashActivityEntry } from './hash-activity-entry';

/**
 * `hash_changed`: the entry is there, but its hash is not the one verified (or signed in a
 * checkpoint) earlier: it was rewritten, or the log was cut and grew again past it.
 */
export type ActivityChainBreak =
  | 'content_changed'
  | 'hash_changed'
  | 'missing_entry'
  | 'prev_hash_mismatch';

/** A point of the chain trusted as verified: entry `seq` has `hash` (seq 0: the empty log). */
export type ActivityChainAnchor = { seq: number; hash: string };

export type ActivityChainWalk =
  | { ok: true; count: number; head: ActivityChainAnchor }
  | { ok: false; count: number; brokenAtSeq: number; reason: ActivityChainBreak };

const BATCH_SIZE = 500;
const START: ActivityChainAnchor = { seq: 0, hash: GENESIS_HASH };

/**
 * Walks the org's log in `seq` order from `from` to the newest entry and checks every link:
 * each entry's hash matches its content, its `prevHash` is the previous entry's hash, and no
 * `seq` is missing, including at the end against `organizations.last_activity_seq`. From an
 * anchor other than the start, entry `from.seq` must still be there with `from.hash` (and its
 * content must still hash to it); entries before it are not read. `count` is the last `seq`
 * that verified (before the first break).
 */
export async function walkActivityChain({
  db,
  orgId,
  from = START,
}: {
  db: ActivityDb;
  orgId: string;
  from?: ActivityChainAnchor;
}): Promise<ActivityChainWalk> {
  const key = activityChainKey();
  let expectedSeq = from.seq === 0 ? 1 : from.seq;
  // Undefined while the anchor entry itself is checked: its hash must equal the anchor's.
  let prevHash: string | undefined = from.seq === 0 ? GENESIS_HASH : undefined;
  let headHash = from.hash;
  for (;;) {
    const batch = await db.activityLogEntry.findMany({
      where: { orgId, seq: { gte: expectedSeq } },
      orderBy: { seq: 'asc' },
      take: BATCH_SIZE,
    });
    for (const entry of batch) {
      const reason =
        prevHash === undefined
          ? checkAnchor({ entry, anchor: from, key })
          : checkLink({ entry, expectedSeq, prevHash, key });
      if (reason) return { ok: false, count: expectedSeq - 1, brokenAtSeq: expectedSeq, reason };
      expectedSeq += 1;
      prevHash = entry.hash;
      headHash = entry.hash;
    }
    if (batch.length < BATCH_SIZE) break;
  }
  if (prevHash === undefined) {
    return { ok: false, count: from.seq - 1, brokenAtSeq: from.seq, reason: 'missing_entry' };
  }
  const count = expectedSeq - 1;
  const org = await db.organization.findUnique({
    where: { id: orgId },
    select: { lastActivitySeq: true },
  });
  if (org && org.lastActivitySeq > count) {
    return { ok: false, count, brokenAtSeq: count + 1, reason: 'missing_entry' };
  }
  return { ok: true, count, head: { seq: count, hash: headHash } };
}

function checkAnchor({
  entry,
  anchor,
  key,
}: {
  entry: ActivityLogEntry;
  anchor: ActivityChainAnchor;
  key: Buffer;
}): ActivityChainBreak | undefined {
  if (entry.seq !== anchor.seq) return 'missing_entry';
  if (entry.hash !== anchor.hash) return 'hash_changed';
  return recomputeHash({ entry, key }) === entry.hash ? undefined : 'content_changed';
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
  return recomputeHash({ entry, key }) === entry.hash ? undefined : 'content_changed';
}

function recomputeHash({ entry, key }: { entry: ActivityLogEntry; key: Buffer }): string {
  return hashActivityEntry({ entry: { ...entry, details: entry.details as JsonValue }, key });
}

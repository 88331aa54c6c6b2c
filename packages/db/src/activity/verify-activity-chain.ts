import type { ActivityLogEntry } from '../generated/prisma/client';
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
 * verified before the first break (all of them when `ok`).
 */
export async function verifyActivityChain({
  db,
  orgId,
}: {
  db: ActivityDb;
  orgId: string;
}): Promise<ActivityChainVerdict> {
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  for (;;) {
    const batch = await db.activityLogEntry.findMany({
      where: { orgId, seq: { gte: expectedSeq } },
      orderBy: { seq: 'asc' },
      take: BATCH_SIZE,
    });
    for (const entry of batch) {
      const reason = checkLink({ entry, expectedSeq, prevHash });
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
}: {
  entry: ActivityLogEntry;
  expectedSeq: number;
  prevHash: string;
}): ActivityChainBreak | undefined {
  if (entry.seq !== expectedSeq) return 'missing_entry';
  if (entry.prevHash !== prevHash) return 'prev_hash_mismatch';
  const recomputed = hashActivityEntry({ ...entry, details: entry.details as JsonValue });
  if (recomputed !== entry.hash) return 'content_changed';
  return undefined;
}

import {
  type ActivityCheckpointReading,
  type ActivityCheckpointStatement,
  readActivityCheckpoint,
} from './activity-checkpoint';
import type { ActivityDb } from './activity-db';
import { type ActivityChainVerdict, toVerdict } from './verify-activity-chain';
import { walkActivityChain } from './walk-activity-chain';

/**
 * What a checkpoint says about the log today:
 * - `consistent`: the log still has entry `seq` with the signed hash, and the chain verifies from
 *   the first entry through it to the newest.
 * - `cut`: entry `seq` is gone: the log was cut below it (with `last_activity_seq` lowered too,
 *   which the chain alone cannot see) or the entry was deleted.
 * - `rewritten`: entry `seq` has another hash, or the chain breaks at or before it.
 * - `broken_after`: everything up to entry `seq` is as signed, but the chain breaks after it.
 */
export type ActivityCheckpointLogVerdict = {
  status: 'consistent' | 'cut' | 'rewritten' | 'broken_after';
  statement: ActivityCheckpointStatement;
  /** The newest entry the log claims now (`organizations.last_activity_seq`). */
  headSeq: number;
  /** The chain verified from the first entry, today. */
  chain: ActivityChainVerdict;
};

export type ActivityCheckpointVerdict =
  | ActivityCheckpointLogVerdict
  | { status: 'malformed' }
  | { status: 'signature_invalid'; reason: 'unknown_key' | 'bad_signature' }
  | { status: 'other_organization' };

/**
 * Checks a checkpoint file (parsed JSON) against the org's log: its signature under this
 * installation's key, that it is for `orgId`, then the log itself, walked from the first entry
 * (a checkpoint check is rare and must not lean on anything kept in the database). Reads only.
 */
export async function checkActivityCheckpoint({
  db,
  orgId,
  checkpoint,
}: {
  db: ActivityDb;
  orgId: string;
  checkpoint: unknown;
}): Promise<ActivityCheckpointVerdict> {
  const reading: ActivityCheckpointReading = readActivityCheckpoint(checkpoint);
  if (!reading.ok) {
    return reading.reason === 'malformed'
      ? { status: 'malformed' }
      : { status: 'signature_invalid', reason: reading.reason };
  }
  const { statement } = reading;
  if (statement.org !== orgId) return { status: 'other_organization' };

  const chain = toVerdict(await walkActivityChain({ db, orgId }));
  const [entry, org] = await Promise.all([
    statement.seq === 0
      ? undefined
      : db.activityLogEntry.findUnique({
          where: { orgId_seq: { orgId, seq: statement.seq } },
          select: { hash: true },
        }),
    db.organization.findUnique({ where: { id: orgId }, select: { lastActivitySeq: true } }),
  ]);
  const verdict = { statement, headSeq: org?.lastActivitySeq ?? 0, chain };
  if (statement.seq > 0 && !entry) return { status: 'cut', ...verdict };
  if (statement.seq > 0 && entry?.hash !== statement.hash)
    return { status: 'rewritten', ...verdict };
  if (!chain.ok && chain.brokenAtSeq <= statement.seq) return { status: 'rewritten', ...verdict };
  if (!chain.ok) return { status: 'broken_after', ...verdict };
  return { status: 'consistent', ...verdict };
}

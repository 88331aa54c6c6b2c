import type pg from 'pg';
import type { DeliveryOutcome } from '../deliver/delivery-outcome';
import type { DestinationNetworkPolicy } from '../deliver/destination-network-policy';
import type { DestinationConfig } from '../destinations/destination-schemas';
import { openDestinationConfig } from '../destinations/destination-secrets';
import type { ExportRecord } from '../event/export-record';
import type { ClaimedDestination } from './claim-due-destination';
import { computeRetryDelay, rejectedBackoff, retryBackoff } from './compute-retry-delay';
import { readExportBatch } from './read-export-batch';
import { recordDelivered, recordFailed, releaseLease } from './record-delivery-outcome';

export type ExportSettings = {
  /** Records per batch at most. */
  batchSize: number;
  /** A destination with less than a full batch waiting is sent to at least this often. */
  flushIntervalMs: number;
  /** How long a run of failures lasts before the destination shows `failing`. */
  failingAfterMs: number;
  /** The whole delivery of one batch (every request of it). */
  deliveryTimeoutMs: number;
  /** The longest wait between retries after 429, 5xx or network errors (default 60 s). */
  retryCapMs?: number;
};

export type DeliverFunction = (options: {
  config: DestinationConfig;
  records: ExportRecord[];
  network: DestinationNetworkPolicy;
  timeoutMs: number;
  signal: AbortSignal;
}) => Promise<DeliveryOutcome>;

/** What one turn of a claimed destination came to, for the worker's logs and metrics. */
export type ExportTurn =
  | { result: 'idle' }
  | {
      result: DeliveryOutcome['outcome'];
      count: number;
      durationMs: number;
      /** How long the oldest record of the batch had waited since it was stored. */
      lagMs: number;
      error?: string;
      /** False when the lease was lost meanwhile and the outcome was not written. */
      written: boolean;
    };

/**
 * One turn for a destination this worker holds: read its next batch after the cursor, deliver
 * it outside any transaction, write the outcome while the lease is still ours. A full batch
 * makes the destination due again at once (a backlog drains at full speed); a partial one at
 * the next flush interval.
 */
export async function exportClaimedDestination({
  db,
  claimed,
  network,
  settings,
  deliver,
  signal,
}: {
  db: pg.Pool;
  claimed: ClaimedDestination;
  network: DestinationNetworkPolicy;
  settings: ExportSettings;
  deliver: DeliverFunction;
  signal: AbortSignal;
}): Promise<ExportTurn> {
  let config: DestinationConfig;
  try {
    config = openDestinationConfig({ ...claimed, secretSealed: claimed.secretSealed });
  } catch {
    // A key that cannot open the secret, or a row edited by hand: nothing to send with.
    const error = 'the destination settings could not be opened or are no longer valid';
    const written = await recordFailed({
      db,
      claimed,
      error,
      retryInMs: computeRetryDelay({
        failures: claimed.consecutiveFailures + 1,
        backoff: rejectedBackoff,
      }),
      failingAfterMs: settings.failingAfterMs,
    });
    return { result: 'rejected', count: 0, durationMs: 0, lagMs: 0, error, written };
  }
  const cursor = {
    eventsTx: claimed.eventsCursorTx,
    eventsSeq: claimed.eventsCursorSeq,
    activitySeq: claimed.activityCursorSeq,
  };
  const batch = await readExportBatch({
    db,
    orgId: claimed.orgId,
    cursor,
    limit: settings.batchSize,
  });
  if (batch.records.length === 0) {
    await releaseLease({ db, claimed, nextInMs: settings.flushIntervalMs });
    return { result: 'idle' };
  }
  const outcome = await deliver({
    config,
    records: batch.records,
    network,
    timeoutMs: settings.deliveryTimeoutMs,
    signal,
  });
  const count = batch.records.length;
  const lagMs = batch.oldestStoredAt ? Math.max(0, Date.now() - batch.oldestStoredAt.getTime()) : 0;
  if (outcome.outcome === 'delivered') {
    const written = await recordDelivered({
      db,
      claimed,
      next: batch.next,
      count,
      nextInMs: count >= settings.batchSize ? 0 : settings.flushIntervalMs,
    });
    return { result: 'delivered', count, durationMs: outcome.durationMs, lagMs, written };
  }
  if (signal.aborted) {
    // Stopping, not failing: the receiver is not to blame, and another worker takes over now.
    const written = await releaseLease({ db, claimed, nextInMs: 0 });
    return {
      result: 'retry',
      count,
      durationMs: outcome.durationMs,
      lagMs,
      error: 'worker stopping',
      written,
    };
  }
  const retryInMs = computeRetryDelay({
    failures: claimed.consecutiveFailures + 1,
    backoff:
      outcome.outcome === 'retry'
        ? { ...retryBackoff, capMs: settings.retryCapMs ?? retryBackoff.capMs }
        : rejectedBackoff,
    ...(outcome.outcome === 'retry' && outcome.retryAfterMs !== undefined
      ? { retryAfterMs: outcome.retryAfterMs }
      : {}),
  });
  const written = await recordFailed({
    db,
    claimed,
    error: outcome.error,
    retryInMs,
    failingAfterMs: settings.failingAfterMs,
  });
  return {
    result: outcome.outcome,
    count,
    durationMs: outcome.durationMs,
    lagMs,
    error: outcome.error,
    written,
  };
}

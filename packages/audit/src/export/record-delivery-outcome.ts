import type pg from 'pg';
import type { ClaimedDestination } from './claim-due-destination';
import type { ExportCursor } from './read-export-batch';

// Every write here is conditional on the claim's lease token and on the cursor it read from:
// a worker whose lease expired mid-delivery (and whose destination another worker has taken
// since) changes nothing, so cursors only ever move forward from what was actually sent.

const stillHeld = `id = $1 AND lease_owner = $2
  AND events_cursor_tx = $3::bigint AND events_cursor_seq = $4::bigint AND activity_cursor_seq = $5`;

function heldParams(claimed: ClaimedDestination) {
  return [
    claimed.id,
    claimed.leaseOwner,
    claimed.eventsCursorTx,
    claimed.eventsCursorSeq,
    claimed.activityCursorSeq,
  ];
}

/** The receiver took the batch: move the cursors, clear the failure, come back after `nextInMs`. */
export async function recordDelivered({
  db,
  claimed,
  next,
  count,
  nextInMs,
}: {
  db: pg.Pool | pg.PoolClient;
  claimed: ClaimedDestination;
  next: ExportCursor;
  count: number;
  nextInMs: number;
}): Promise<boolean> {
  const result = await db.query(
    `UPDATE audit_destinations
        SET events_cursor_tx = $6::bigint, events_cursor_seq = $7::bigint, activity_cursor_seq = $8,
            exported_events = exported_events + $9, state = 'ok', consecutive_failures = 0,
            failing_since = NULL, last_success_at = now(),
            next_attempt_at = now() + make_interval(secs => $10::double precision / 1000),
            lease_owner = NULL, lease_until = NULL, updated_at = now()
      WHERE ${stillHeld}`,
    [...heldParams(claimed), next.eventsTx, next.eventsSeq, next.activitySeq, count, nextInMs],
  );
  return result.rowCount === 1;
}

/**
 * The batch was not taken: count the failure, remember when the run of failures began and what
 * the last one said, and mark the destination `failing` once that run is `failingAfterMs` old.
 * The cursors stay, so the backlog is kept for when the receiver is back.
 */
export async function recordFailed({
  db,
  claimed,
  error,
  retryInMs,
  failingAfterMs,
}: {
  db: pg.Pool | pg.PoolClient;
  claimed: ClaimedDestination;
  error: string;
  retryInMs: number;
  failingAfterMs: number;
}): Promise<boolean> {
  const result = await db.query(
    `UPDATE audit_destinations
        SET consecutive_failures = consecutive_failures + 1,
            failing_since = COALESCE(failing_since, now()),
            state = CASE
              WHEN COALESCE(failing_since, now())
                   <= now() - make_interval(secs => $8::double precision / 1000)
              THEN 'failing' ELSE state END,
            last_error = left($6, 1000), last_error_at = now(),
            next_attempt_at = now() + make_interval(secs => $7::double precision / 1000),
            lease_owner = NULL, lease_until = NULL, updated_at = now()
      WHERE ${stillHeld}`,
    [...heldParams(claimed), error, retryInMs, failingAfterMs],
  );
  return result.rowCount === 1;
}

/** Gives the lease back without an outcome (nothing to send, or the worker is stopping). */
export async function releaseLease({
  db,
  claimed,
  nextInMs,
}: {
  db: pg.Pool | pg.PoolClient;
  claimed: ClaimedDestination;
  nextInMs: number;
}): Promise<boolean> {
  const result = await db.query(
    `UPDATE audit_destinations
        SET next_attempt_at = now() + make_interval(secs => $6::double precision / 1000),
            lease_owner = NULL, lease_until = NULL
      WHERE ${stillHeld}`,
    [...heldParams(claimed), nextInMs],
  );
  return result.rowCount === 1;
}

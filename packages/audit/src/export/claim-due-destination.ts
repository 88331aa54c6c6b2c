import { randomBytes } from 'node:crypto';
import type pg from 'pg';

/** A destination a worker holds the lease of, with its cursors as they were when claimed. */
export type ClaimedDestination = {
  id: string;
  orgId: string;
  name: string;
  type: string;
  format: string;
  enabled: boolean;
  settings: unknown;
  secretSealed: Buffer;
  state: string;
  failingSince: Date | null;
  consecutiveFailures: number;
  eventsCursorTx: string;
  eventsCursorSeq: string;
  activityCursorSeq: number;
  /** This claim's lease token: the outcome is written only while it is still the row's. */
  leaseOwner: string;
};

type ClaimRow = {
  id: string;
  org_id: string;
  name: string;
  type: string;
  format: string;
  enabled: boolean;
  settings: unknown;
  secret_sealed: Buffer;
  state: string;
  failing_since: Date | null;
  consecutive_failures: number;
  events_cursor_tx: string;
  events_cursor_seq: string;
  activity_cursor_seq: number;
  lease_owner: string;
};

/**
 * Takes the lease of the destination that has waited longest, if one is due, in one short
 * statement: `FOR UPDATE SKIP LOCKED` lets any number of workers claim at once without waiting
 * on each other or taking the same row, and the lease (not a held transaction) keeps it theirs
 * while they send, so no transaction stays open across a delivery (one would hold back the
 * snapshot horizon every exporter reads up to). A crashed worker's lease simply expires.
 */
export async function claimDueDestination({
  pool,
  workerId,
  leaseMs,
}: {
  pool: pg.Pool | pg.PoolClient;
  workerId: string;
  leaseMs: number;
}): Promise<ClaimedDestination | null> {
  const leaseOwner = `${workerId.slice(0, 80)}/${randomBytes(6).toString('hex')}`;
  const { rows } = await pool.query<ClaimRow>(
    `WITH due AS (
       SELECT id FROM audit_destinations
        WHERE enabled AND next_attempt_at <= now()
          AND (lease_until IS NULL OR lease_until < now())
        ORDER BY next_attempt_at
        LIMIT 1
        FOR UPDATE SKIP LOCKED)
     UPDATE audit_destinations d
        SET lease_owner = $1, lease_until = now() + make_interval(secs => $2::double precision / 1000)
       FROM due
      WHERE d.id = due.id
     RETURNING d.id, d.org_id, d.name, d.type, d.format, d.enabled, d.settings, d.secret_sealed,
               d.state, d.failing_since, d.consecutive_failures, d.events_cursor_tx::text,
               d.events_cursor_seq::text, d.activity_cursor_seq, d.lease_owner`,
    [leaseOwner, leaseMs],
  );
  const row = rows[0];
  if (!row) return null;
  return {
    id: row.id,
    orgId: row.org_id,
    name: row.name,
    type: row.type,
    format: row.format,
    enabled: row.enabled,
    settings: row.settings,
    secretSealed: row.secret_sealed,
    state: row.state,
    failingSince: row.failing_since,
    consecutiveFailures: row.consecutive_failures,
    eventsCursorTx: row.events_cursor_tx,
    eventsCursorSeq: row.events_cursor_seq,
    activityCursorSeq: row.activity_cursor_seq,
    leaseOwner: row.lease_owner,
  };
}

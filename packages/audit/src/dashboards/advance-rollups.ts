import type pg from 'pg';
import {
  countCells,
  dimensions,
  keyedByDimension,
  rawCountColumns,
  rawKeyExpression,
  summedCountColumns,
} from './event-source-sql';

export type RollupProgress = {
  /** Events counted into the rollups by this call. */
  events: number;
  /** Organizations that had events to count. */
  orgs: number;
};

const updateCounts = countCells
  .map((cell) => `${cell.column} = audit.event_rollups.${cell.column} + excluded.${cell.column}`)
  .join(', ');
const countColumnList = countCells.map((cell) => cell.column).join(', ');

// One chunk of one organization, in (tx, ingest_seq) order below the snapshot's xmin (every
// transaction below it has ended, so no row can later appear behind the cursor), counted by
// every dimension at both grains, and again at day grain within each scope the event falls in
// (each of its groups, its rule), and added to the rollups. The caller holds the cursor row's
// lock, so two workers never count the same chunk.
const countChunkSql = `
WITH chunk AS MATERIALIZED (
  SELECT e.time, e.surface, e.decision, e.mode, e.resource, e.person_id, e.device_id, e.groups,
         e.rule_id, e.tx, e.ingest_seq
    FROM audit.events e
   WHERE e.org_id = $1 AND (e.tx, e.ingest_seq) > ($2::bigint, $3::bigint)
     AND e.tx < pg_snapshot_xmin(pg_current_snapshot())::text::bigint
   ORDER BY e.tx, e.ingest_seq
   LIMIT $4
), keyed AS (
  SELECT e.*, k.dimension, k.key
    FROM chunk e CROSS JOIN LATERAL ${keyedByDimension(dimensions)}
   WHERE k.key IS NOT NULL
), facts AS (
  -- The chunk grouped by everything a scoped row is keyed by, per day: a device's day has a few
  -- dozen of these, where it has hundreds of events, so the scopes multiply far fewer rows.
  SELECT date_trunc('day', e.time, 'UTC') AS bucket, e.surface, e.person_id, e.device_id,
         e.groups, e.rule_id, ${rawKeyExpression.resource} AS denied_resource, ${rawCountColumns}
    FROM chunk e
   GROUP BY 1, 2, 3, 4, 5, 6, 7
), scoped AS (
  SELECT s.scope, k.dimension, e.bucket, e.surface, k.key, ${summedCountColumns('e')}
    FROM facts e
   CROSS JOIN LATERAL (
     SELECT 'group:' || g.name FROM unnest(e.groups) AS g(name)
     UNION ALL
     SELECT 'rule:' || e.rule_id WHERE e.rule_id IS NOT NULL) AS s(scope)
   CROSS JOIN LATERAL ${keyedByDimension(dimensions, { resource: 'e.denied_resource' })}
   WHERE k.key IS NOT NULL
   GROUP BY 1, 2, 3, 4, 5
), hourly AS (
  SELECT e.dimension, date_trunc('hour', e.time, 'UTC') AS bucket, e.surface, e.key,
         ${rawCountColumns}
    FROM keyed e
   GROUP BY 1, 2, 3, 4
), counted AS (
  -- The day rows add up the chunk's hour rows: far fewer rows to group than the events.
  SELECT '' AS scope, dimension, 'hour' AS grain, bucket, surface, key, ${countColumnList}
    FROM hourly
  UNION ALL
  SELECT '', h.dimension, 'day', date_trunc('day', h.bucket, 'UTC'), h.surface, h.key,
         ${summedCountColumns('h')}
    FROM hourly h GROUP BY h.dimension, date_trunc('day', h.bucket, 'UTC'), h.surface, h.key
  UNION ALL
  SELECT scope, dimension, 'day', bucket, surface, key, ${countColumnList} FROM scoped
), added AS (
  INSERT INTO audit.event_rollups
         (org_id, scope, dimension, grain, bucket, surface, key, ${countColumnList})
  SELECT $1, scope, dimension, grain, bucket, surface, key, ${countColumnList} FROM counted
  ON CONFLICT (org_id, scope, dimension, grain, bucket, surface, key) DO UPDATE SET ${updateCounts}
)
SELECT (SELECT count(*) FROM chunk)::int AS events, last.tx::text AS tx, last.ingest_seq::text AS seq
  FROM (SELECT tx, ingest_seq FROM chunk ORDER BY tx DESC, ingest_seq DESC LIMIT 1) last`;

// Organizations with events past their cursor (or without a cursor yet).
const pendingOrgsSql = `
SELECT o.id AS org_id FROM organizations o
  LEFT JOIN audit.rollup_cursors c ON c.org_id = o.id
 WHERE EXISTS (
   SELECT 1 FROM audit.events e
    WHERE e.org_id = o.id
      AND (e.tx, e.ingest_seq) > (coalesce(c.cursor_tx, 0), coalesce(c.cursor_seq, 0))
      AND e.tx < pg_snapshot_xmin(pg_current_snapshot())::text::bigint)
 ORDER BY o.id`;

/**
 * Counts up to `limit` events of each organization that has some past its rollup cursor, one
 * transaction per organization (count, add, move the cursor), so the rollups are exact at every
 * commit. Call it until it returns no events; the worker does, then waits.
 */
export async function advanceRollups({
  pool,
  limit = 20_000,
}: {
  pool: pg.Pool;
  limit?: number;
}): Promise<RollupProgress> {
  const { rows } = await pool.query<{ org_id: string }>(pendingOrgsSql);
  let events = 0;
  for (const { org_id: orgId } of rows) {
    events += await advanceOrgRollups({ pool, orgId, limit });
  }
  return { events, orgs: rows.length };
}

async function advanceOrgRollups({
  pool,
  orgId,
  limit,
}: {
  pool: pg.Pool;
  orgId: string;
  limit: number;
}): Promise<number> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(
      'INSERT INTO audit.rollup_cursors (org_id) VALUES ($1) ON CONFLICT (org_id) DO NOTHING',
      [orgId],
    );
    const cursor = await client.query<{ tx: string; seq: string }>(
      `SELECT cursor_tx::text AS tx, cursor_seq::text AS seq FROM audit.rollup_cursors
        WHERE org_id = $1 FOR UPDATE`,
      [orgId],
    );
    const { tx, seq } = cursor.rows[0] ?? { tx: '0', seq: '0' };
    const counted = await client.query<{ events: number; tx: string; seq: string }>(countChunkSql, [
      orgId,
      tx,
      seq,
      limit,
    ]);
    const chunk = counted.rows[0];
    if (chunk) {
      await client.query(
        `UPDATE audit.rollup_cursors SET cursor_tx = $2, cursor_seq = $3,
                rolled_up = rolled_up + $4, updated_at = now() WHERE org_id = $1`,
        [orgId, chunk.tx, chunk.seq, chunk.events],
      );
    }
    await client.query('COMMIT');
    return chunk?.events ?? 0;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

/**
 * Deletes rollup buckets older than the oldest stored day, so the dashboards never count events
 * retention has dropped. Returns how many rows went.
 */
export async function pruneRollups({ pool }: { pool: pg.Pool }): Promise<number> {
  const result = await pool.query(
    `WITH oldest AS (
       SELECT min(to_date(substring(c.relname FROM 'events_p(\\d{8})$'), 'YYYYMMDD')) AS day
         FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
        WHERE i.inhparent = 'audit.events'::regclass)
     DELETE FROM audit.event_rollups r USING oldest
      WHERE oldest.day IS NOT NULL AND r.bucket < (oldest.day::timestamp AT TIME ZONE 'UTC')`,
  );
  return result.rowCount ?? 0;
}

import type pg from 'pg';
import type { RollupCursor } from './event-source-sql';

/**
 * Runs `read` on one connection in a read-only REPEATABLE READ transaction, so every panel of a
 * view (and the rollup cursor they add the raw tail after) sees the same snapshot: the rollups
 * and their cursor move together in one transaction, so within a snapshot each event is counted
 * by exactly one of them.
 */
export async function withReadSnapshot<Result>(
  pool: pg.Pool,
  read: (client: pg.PoolClient) => Promise<Result>,
): Promise<Result> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const result = await read(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

/** The organization's rollup cursor in this snapshot; (0, 0) before its first rollup. */
export async function readRollupCursor(
  client: pg.PoolClient,
  orgId: string,
): Promise<RollupCursor> {
  const { rows } = await client.query<{ tx: string; seq: string }>(
    'SELECT cursor_tx::text AS tx, cursor_seq::text AS seq FROM audit.rollup_cursors WHERE org_id = $1',
    [orgId],
  );
  return rows[0] ?? { tx: '0', seq: '0' };
}

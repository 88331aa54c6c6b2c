import type pg from 'pg';

const DAY_MS = 86_400_000;
const partitionName = /^events_p(\d{4})(\d{2})(\d{2})$/;

export type PartitionMaintenance =
  | { ran: false }
  | { ran: true; created: number; dropped: string[] };

/**
 * Keeps audit.events' day partitions: creates [today − 1, today + 3] (UTC) so ingestion never
 * meets a missing day, and drops the days that ended more than `retentionDays` ago. A day is
 * detached CONCURRENTLY (ingestion keeps writing meanwhile) and then dropped; a detach or drop a
 * crash interrupted is finished on the next run. One worker at a time does it (an advisory
 * lock); the others skip.
 */
export async function maintainEventPartitions({
  db,
  retentionDays,
  now = new Date(),
}: {
  db: pg.Pool;
  retentionDays: number;
  now?: Date;
}): Promise<PartitionMaintenance> {
  const client = await db.connect();
  try {
    const { rows } = await client.query<{ locked: boolean }>(
      "SELECT pg_try_advisory_lock(hashtext('parapet:event-partitions')) AS locked",
    );
    if (!rows[0]?.locked) return { ran: false };
    try {
      const today = now.toISOString().slice(0, 10);
      const created = await client.query<{ created: number }>(
        'SELECT audit.ensure_event_partitions($1::date - 1, $1::date + 3) AS created',
        [today],
      );
      const dropped = await dropExpiredPartitions({
        client,
        cutoff: now.getTime() - retentionDays * DAY_MS,
      });
      return { ran: true, created: created.rows[0]?.created ?? 0, dropped };
    } finally {
      await client.query("SELECT pg_advisory_unlock(hashtext('parapet:event-partitions'))");
    }
  } finally {
    client.release();
  }
}

/** The partitions (attached, half-detached or detached) whose day ended before `cutoff`. */
async function dropExpiredPartitions({
  client,
  cutoff,
}: {
  client: pg.PoolClient;
  cutoff: number;
}): Promise<string[]> {
  const { rows } = await client.query<{ name: string; attached: boolean; pending: boolean }>(
    `SELECT c.relname AS name, i.inhrelid IS NOT NULL AS attached,
            COALESCE(i.inhdetachpending, false) AS pending
       FROM pg_class c
       JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'audit'
       LEFT JOIN pg_inherits i ON i.inhrelid = c.oid AND i.inhparent = 'audit.events'::regclass
      WHERE c.relkind = 'r' AND c.relname ~ '^events_p[0-9]{8}$'
      ORDER BY c.relname`,
  );
  const dropped: string[] = [];
  for (const row of rows) {
    const match = partitionName.exec(row.name);
    if (!match) continue;
    const dayEnd = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) + DAY_MS;
    if (dayEnd > cutoff) continue;
    const table = `audit.${client.escapeIdentifier(row.name)}`;
    if (row.pending) {
      await client.query(`ALTER TABLE audit.events DETACH PARTITION ${table} FINALIZE`);
    } else if (row.attached) {
      await client.query(`ALTER TABLE audit.events DETACH PARTITION ${table} CONCURRENTLY`);
    }
    await client.query(`DROP TABLE ${table}`);
    dropped.push(row.name);
  }
  return dropped;
}

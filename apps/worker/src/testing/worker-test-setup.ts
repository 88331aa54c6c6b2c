import { createOrg, createTestDatabase, type TestDatabase } from '@parapet/db/testing';
import pg from 'pg';
import { type Env, parseEnv } from '../env';
import type { Logger } from '../log';

/** A worker's settings for a test: quick polls and retries, no metrics port unless asked. */
export function testEnv(databaseUrl: string, overrides: Record<string, string> = {}): Env {
  return parseEnv({
    DATABASE_URL: databaseUrl,
    PARAPET_MASTER_KEY: 'unused-in-process',
    PARAPET_WORKER_PORT: '0',
    PARAPET_EXPORT_POLL_MS: '20',
    PARAPET_EXPORT_FLUSH_MS: '100',
    PARAPET_EXPORT_RETRY_MAX_SECONDS: '1',
    PARAPET_EXPORT_TIMEOUT_SECONDS: '2',
    PARAPET_EXPORT_LEASE_SECONDS: '5',
    ...overrides,
  });
}

/** Log lines kept in memory, so a test can read what the worker said. */
export function memoryLogger(): Logger & {
  lines: { level: string; msg: string; fields: Record<string, unknown> }[];
} {
  const lines: { level: string; msg: string; fields: Record<string, unknown> }[] = [];
  const log: Logger = (level, msg, fields = {}) => {
    lines.push({ level, msg, fields });
  };
  return Object.assign(log, { lines });
}

export type WorkerTestDatabase = {
  database: TestDatabase;
  db: pg.Pool;
  orgId: () => Promise<string>;
};

/** A fresh database (the test master key configured), a pg pool on it, and a way to make orgs. */
export async function createWorkerTestDatabase(): Promise<WorkerTestDatabase> {
  const database = await createTestDatabase();
  const db = new pg.Pool({ connectionString: database.databaseUrl, max: 12 });
  db.on('error', () => undefined);
  return {
    database,
    db,
    orgId: async () => (await createOrg({ prisma: database.prisma })).id,
  };
}

export type DestinationRow = {
  state: string;
  last_error: string | null;
  consecutive_failures: number;
  failing_since: Date | null;
  exported_events: string;
  lease_owner: string | null;
  next_attempt_at: Date;
  events_cursor_tx: string;
  events_cursor_seq: string;
  activity_cursor_seq: number;
};

export async function readDestination(db: pg.Pool, id: string): Promise<DestinationRow> {
  const { rows } = await db.query<DestinationRow>(
    `SELECT state, last_error, consecutive_failures, failing_since, exported_events::text,
            lease_owner, next_attempt_at, events_cursor_tx::text, events_cursor_seq::text,
            activity_cursor_seq
       FROM audit_destinations WHERE id = $1`,
    [id],
  );
  const row = rows[0];
  if (!row) throw new Error(`no destination ${id}`);
  return row;
}

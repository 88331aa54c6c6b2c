import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { DbError } from '../db-error';
import {
  type AppliedMigrationRow,
  ensureMigrationsTable,
  listRecordedMigrations,
} from './migrations-table';
import { type MigrationFile, matchesChecksum, readMigrations } from './read-migrations';

// The key Prisma's own schema engine takes for `migrate deploy`, so our runner and Prisma's CLI
// also exclude each other, not only two of our processes.
const PRISMA_MIGRATE_ADVISORY_LOCK = 72707369;
const LOCK_NOT_AVAILABLE = '55P03';

export type MigrateOptions = {
  databaseUrl: string;
  /** Defaults to the repository's prisma/migrations. */
  migrationsDir?: string;
  /** How long to wait for another process that is migrating the same database. */
  lockTimeoutMs?: number;
  onApplied?: (name: string) => void;
};

export type MigrateResult = {
  applied: string[];
  alreadyApplied: string[];
};

/**
 * Applies pending migrations in name order, each in its own transaction together with its
 * `_prisma_migrations` row, under Prisma's advisory lock. Needs no native engine. Refuses to
 * run when an applied migration's file changed, when a failed migration is recorded, or when
 * the database has migrations this checkout does not know.
 */
export async function migrate({
  databaseUrl,
  migrationsDir,
  lockTimeoutMs = 60_000,
  onApplied,
}: MigrateOptions): Promise<MigrateResult> {
  const migrations = await readMigrations({ migrationsDir });
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await takeMigrationLock({ client, lockTimeoutMs });
    await ensureMigrationsTable({ client });
    const recorded = await listRecordedMigrations({ client });
    const pending = findPendingMigrations({ migrations, recorded });
    const applied: string[] = [];
    for (const migration of pending) {
      await applyMigration({ client, migration });
      applied.push(migration.name);
      onApplied?.(migration.name);
    }
    const alreadyApplied = migrations
      .map((migration) => migration.name)
      .filter((name) => !applied.includes(name));
    return { applied, alreadyApplied };
  } finally {
    // Ending the session releases the advisory lock even if unlocking was never reached.
    await client.end();
  }
}

/**
 * Waits up to `lockTimeoutMs` for Prisma's migration lock. Postgres reports the timeout as a bare
 * `55P03 lock_not_available`; the person starting the app needs to know what it means instead.
 */
async function takeMigrationLock({
  client,
  lockTimeoutMs,
}: {
  client: pg.Client;
  lockTimeoutMs: number;
}): Promise<void> {
  const timeoutMs = Math.max(1, Math.floor(lockTimeoutMs));
  await client.query(`SET lock_timeout = ${timeoutMs}`);
  try {
    await client.query('SELECT pg_advisory_lock($1)', [PRISMA_MIGRATE_ADVISORY_LOCK]);
  } catch (error) {
    if ((error as { code?: unknown }).code !== LOCK_NOT_AVAILABLE) throw error;
    throw new DbError(
      'MIGRATION_LOCKED',
      `Waited ${timeoutMs} ms for the migration lock: another process is applying migrations to this database; retry when it finishes. (If nothing is migrating, a session holding advisory lock ${PRISMA_MIGRATE_ADVISORY_LOCK} is stuck: see pg_locks.)`,
      { cause: error },
    );
  }
  await client.query('SET lock_timeout = 0');
}

function findPendingMigrations({
  migrations,
  recorded,
}: {
  migrations: MigrationFile[];
  recorded: AppliedMigrationRow[];
}): MigrationFile[] {
  const failed = recorded.find((row) => row.finished_at === null);
  if (failed) {
    throw new DbError(
      'MIGRATION_PREVIOUSLY_FAILED',
      `Migration ${failed.migration_name} is recorded as failed in _prisma_migrations${failed.logs ? `: ${failed.logs}` : ''}. Fix the database, then mark it rolled back (UPDATE "_prisma_migrations" SET rolled_back_at = now() WHERE id = '${failed.id}') or applied before migrating again.`,
    );
  }
  const local = new Map(migrations.map((migration) => [migration.name, migration]));
  for (const row of recorded) {
    const migration = local.get(row.migration_name);
    if (!migration) {
      throw new DbError(
        'MIGRATION_MISSING_LOCALLY',
        `The database has migration ${row.migration_name} applied, but it is not in the migrations folder: this code is older than the database.`,
      );
    }
    if (!matchesChecksum({ sql: migration.sql, checksum: row.checksum })) {
      throw new DbError(
        'MIGRATION_CHECKSUM_MISMATCH',
        `Migration ${row.migration_name} was changed after it was applied (checksum ${migration.checksum} on disk, ${row.checksum} in the database). Applied migrations must never be edited: add a new migration instead.`,
      );
    }
  }
  const done = new Set(recorded.map((row) => row.migration_name));
  return migrations.filter((migration) => !done.has(migration.name));
}

async function applyMigration({
  client,
  migration,
}: {
  client: pg.Client;
  migration: MigrationFile;
}): Promise<void> {
  const id = randomUUID();
  const startedAt = new Date();
  try {
    await client.query('BEGIN');
    await client.query(migration.sql);
    await client.query(
      `INSERT INTO "_prisma_migrations"
         (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
       VALUES ($1, $2, $3, $4, now(), 1)`,
      [id, migration.checksum, migration.name, startedAt],
    );
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    await recordRolledBackAttempt({ client, id, migration, startedAt, error });
    throw new DbError(
      'MIGRATION_FAILED',
      `Migration ${migration.name} failed and was rolled back: ${errorMessage(error)}`,
      { cause: error },
    );
  }
}

/**
 * The failed attempt's transaction rolled back, so the database is as it was before. The attempt
 * is still recorded, marked rolled back as Prisma does after `migrate resolve --rolled-back`, so
 * there is a trace of it and the next start simply tries again.
 */
async function recordRolledBackAttempt({
  client,
  id,
  migration,
  startedAt,
  error,
}: {
  client: pg.Client;
  id: string;
  migration: MigrationFile;
  startedAt: Date;
  error: unknown;
}): Promise<void> {
  await client.query(
    `INSERT INTO "_prisma_migrations"
       (id, checksum, migration_name, started_at, logs, rolled_back_at, applied_steps_count)
     VALUES ($1, $2, $3, $4, $5, now(), 0)`,
    [id, migration.checksum, migration.name, startedAt, errorMessage(error)],
  );
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

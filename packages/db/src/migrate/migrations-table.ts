import type pg from 'pg';

/**
 * Prisma's migrations table, column for column as its schema engine creates it on PostgreSQL, so
 * `prisma migrate status` and `migrate deploy` read our rows as their own.
 */
const createMigrationsTableSql = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

export type AppliedMigrationRow = {
  id: string;
  checksum: string;
  migration_name: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
  logs: string | null;
};

export async function ensureMigrationsTable({ client }: { client: pg.ClientBase }): Promise<void> {
  await client.query(createMigrationsTableSql);
}

/** Rows that still count: Prisma ignores rows marked rolled back, apart from keeping them. */
export async function listRecordedMigrations({
  client,
}: {
  client: pg.ClientBase;
}): Promise<AppliedMigrationRow[]> {
  const { rows } = await client.query<AppliedMigrationRow>(
    `SELECT id, checksum, migration_name, finished_at, rolled_back_at, logs
       FROM "_prisma_migrations"
      WHERE rolled_back_at IS NULL
      ORDER BY started_at, migration_name`,
  );
  return rows;
}

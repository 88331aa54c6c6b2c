import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { migrationList } from '../schema-engine/diff-schema';
import { loadSchemaEngine } from '../schema-engine/load-schema-engine';
import { createEmptyDatabase } from '../testing/create-test-database';
import { migrate } from './migrate';
import { defaultMigrationsDir, readMigrations } from './read-migrations';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function emptyDatabase(): Promise<string> {
  const database = await createEmptyDatabase();
  cleanups.push(database.drop);
  return database.databaseUrl;
}

async function copyOfMigrations(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'parapet-migrations-'));
  await cp(defaultMigrationsDir(), dir, { recursive: true });
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

const recordedSql = `SELECT migration_name, checksum, applied_steps_count, logs,
  finished_at IS NOT NULL AS finished, rolled_back_at IS NOT NULL AS rolled_back
  FROM "_prisma_migrations" ORDER BY migration_name, started_at`;

describe('migrate', () => {
  let names: string[] = [];
  beforeAll(async () => {
    names = (await readMigrations()).map((migration) => migration.name);
  });

  it('applies every migration to an empty database, then nothing on the next run', async () => {
    const url = await emptyDatabase();
    const first = await migrate({ databaseUrl: url });
    expect(first.applied).toEqual(names);
    expect(names.length).toBeGreaterThan(0);
    const second = await migrate({ databaseUrl: url });
    expect(second).toEqual({ applied: [], alreadyApplied: names });
    const tables = await query<{ table_name: string }>(
      url,
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`,
    );
    expect(tables.map((row) => row.table_name)).toEqual(
      expect.arrayContaining(['organizations', 'users', 'memberships', 'activity_log']),
    );
  });

  it('records migrations exactly as Prisma records them, and Prisma finds nothing to report', async () => {
    const ours = await emptyDatabase();
    const prismas = await emptyDatabase();
    await migrate({ databaseUrl: ours });
    const prisma = await loadSchemaEngine({ databaseUrl: prismas });
    const oursEngine = await loadSchemaEngine({ databaseUrl: ours });
    cleanups.push(prisma.close, oursEngine.close);
    const list = await migrationList({ migrationsDir: defaultMigrationsDir() });
    const filters = { externalTables: [], externalEnums: [] };
    await prisma.engine.applyMigrations({ migrationsList: list, filters });

    const columnsSql = `SELECT column_name, data_type, character_maximum_length, is_nullable,
      column_default FROM information_schema.columns WHERE table_name = '_prisma_migrations'
      ORDER BY ordinal_position`;
    expect(await query(ours, columnsSql)).toEqual(await query(prismas, columnsSql));
    expect(await query(ours, recordedSql)).toEqual(await query(prismas, recordedSql));

    const diagnosis = await oursEngine.engine.diagnoseMigrationHistory({
      migrationsList: list,
      optInToShadowDatabase: false,
      filters,
    });
    expect(diagnosis).toMatchObject({
      editedMigrationNames: [],
      failedMigrationNames: [],
      hasMigrationsTable: true,
      history: null,
    });
  });

  it('refuses to run when an applied migration was edited', async () => {
    const url = await emptyDatabase();
    const dir = await copyOfMigrations();
    await migrate({ databaseUrl: url, migrationsDir: dir });
    const [first] = names;
    await writeFile(join(dir, first ?? '', 'migration.sql'), '-- edited\nSELECT 1;\n');
    await expect(migrate({ databaseUrl: url, migrationsDir: dir })).rejects.toMatchObject({
      code: 'MIGRATION_CHECKSUM_MISMATCH',
    });
  });

  it('accepts an applied migration whose file only changed line endings', async () => {
    const url = await emptyDatabase();
    const dir = await copyOfMigrations();
    await migrate({ databaseUrl: url, migrationsDir: dir });
    const [first] = await readMigrations({ migrationsDir: dir });
    await writeFile(
      join(dir, first?.name ?? '', 'migration.sql'),
      first?.sql.replaceAll('\n', '\r\n') ?? '',
    );
    await expect(migrate({ databaseUrl: url, migrationsDir: dir })).resolves.toMatchObject({
      applied: [],
    });
  });

  it('refuses to run while a failed migration is recorded', async () => {
    const url = await emptyDatabase();
    await migrate({ databaseUrl: url });
    await query(
      url,
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, logs)
       VALUES ('00000000-0000-4000-8000-000000000000', 'x', '29990101000000_broken', 'boom')`,
    );
    await expect(migrate({ databaseUrl: url })).rejects.toMatchObject({
      code: 'MIGRATION_PREVIOUSLY_FAILED',
    });
  });

  it('refuses to run when the database has a migration this checkout lacks', async () => {
    const url = await emptyDatabase();
    const dir = await copyOfMigrations();
    await mkdir(join(dir, '29990101000000_newer'));
    await writeFile(join(dir, '29990101000000_newer', 'migration.sql'), 'SELECT 1;\n');
    await migrate({ databaseUrl: url, migrationsDir: dir });
    await expect(migrate({ databaseUrl: url })).rejects.toMatchObject({
      code: 'MIGRATION_MISSING_LOCALLY',
    });
  });

  it('rolls a failing migration back whole, records the attempt, and retries it next time', async () => {
    const url = await emptyDatabase();
    const dir = await copyOfMigrations();
    const broken = join(dir, '29990101000000_broken');
    await mkdir(broken);
    await writeFile(
      join(broken, 'migration.sql'),
      'CREATE TABLE "half_done" (id int);\nSELECT * FROM "no_such_table";\n',
    );
    await expect(migrate({ databaseUrl: url, migrationsDir: dir })).rejects.toMatchObject({
      code: 'MIGRATION_FAILED',
    });
    expect(await query(url, `SELECT to_regclass('half_done') AS t`)).toEqual([{ t: null }]);
    const attempts = await query<{ rolled_back: boolean; logs: string }>(
      url,
      `${recordedSql.replace('ORDER BY', `WHERE migration_name = '29990101000000_broken' ORDER BY`)}`,
    );
    expect(attempts).toHaveLength(1);
    expect(attempts[0]).toMatchObject({ rolled_back: true, finished: false });
    expect(attempts[0]?.logs).toContain('no_such_table');

    await writeFile(join(broken, 'migration.sql'), 'CREATE TABLE "half_done" (id int);\n');
    const retry = await migrate({ databaseUrl: url, migrationsDir: dir });
    expect(retry.applied).toEqual(['29990101000000_broken']);
  });

  it('lets only one of several concurrent runners apply the migrations', async () => {
    const url = await emptyDatabase();
    const results = await Promise.all(
      Array.from({ length: 4 }, () => migrate({ databaseUrl: url })),
    );
    const appliers = results.filter((result) => result.applied.length > 0);
    expect(appliers).toHaveLength(1);
    expect(appliers[0]?.applied).toEqual(names);
    const rows = await query(url, recordedSql);
    expect(rows).toHaveLength(names.length);
  });

  it('explains, as a DbError, that another process holds the migration lock', async () => {
    const url = await emptyDatabase();
    // Another process in the middle of applying migrations holds Prisma's advisory lock.
    const holder = new pg.Client({ connectionString: url });
    await holder.connect();
    cleanups.push(() => holder.end());
    await holder.query('SELECT pg_advisory_lock(72707369)');
    await expect(migrate({ databaseUrl: url, lockTimeoutMs: 200 })).rejects.toMatchObject({
      name: 'DbError',
      code: 'MIGRATION_LOCKED',
      message: expect.stringContaining('another process is applying migrations to this database'),
    });
    await holder.query('SELECT pg_advisory_unlock(72707369)');
    expect((await migrate({ databaseUrl: url })).applied).toEqual(names);
  });
});

afterAll(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DiffTarget, MigrationList, SchemaEngine } from '@prisma/schema-engine-wasm';
import { readMigrations } from '../migrate/read-migrations';

/** The repository's prisma/schema.prisma, found relative to this source file. */
export function defaultSchemaPath(): string {
  return fileURLToPath(new URL('../../../../prisma/schema.prisma', import.meta.url));
}

/** schema.prisma as a diff target: the state the migrations must produce. */
export async function schemaTarget({
  schemaPath = defaultSchemaPath(),
}: {
  schemaPath?: string;
} = {}): Promise<DiffTarget> {
  return {
    tag: 'schemaDatamodel',
    files: [{ path: schemaPath, content: await readFile(schemaPath, 'utf8') }],
  };
}

/**
 * The live database the engine is connected to, as a diff target. (The engine's WebAssembly
 * build rejects `url` targets; a schema's datasource stands for the adapter's connection.)
 */
export async function databaseTarget({
  schemaPath = defaultSchemaPath(),
}: {
  schemaPath?: string;
} = {}): Promise<DiffTarget> {
  return {
    tag: 'schemaDatasource',
    files: [{ path: schemaPath, content: await readFile(schemaPath, 'utf8') }],
    configDir: dirname(schemaPath),
  };
}

/** The migrations folder as a diff target; the engine replays it into a shadow database. */
export async function migrationsTarget({
  migrationsDir,
}: {
  migrationsDir: string;
}): Promise<DiffTarget> {
  return { tag: 'migrations', ...(await migrationList({ migrationsDir })) };
}

export async function migrationList({
  migrationsDir,
}: {
  migrationsDir: string;
}): Promise<MigrationList> {
  const migrations = await readMigrations({ migrationsDir });
  const lockfileContent = await readFile(`${migrationsDir}/migration_lock.toml`, 'utf8').catch(
    () => null,
  );
  return {
    baseDir: migrationsDir,
    lockfile: { path: 'migration_lock.toml', content: lockfileContent },
    shadowDbInitScript: '',
    migrationDirectories: migrations.map((migration) => ({
      path: migration.name,
      migrationFile: { path: 'migration.sql', content: { tag: 'ok', value: migration.sql } },
    })),
  };
}

/**
 * The SQL that turns `from` into `to`, as Prisma's `migrate diff --script` prints it; an empty
 * string when they already match.
 */
export async function diffSchema({
  engine,
  from,
  to,
}: {
  engine: SchemaEngine;
  from: DiffTarget;
  to: DiffTarget;
}): Promise<string> {
  const result = await engine.diff({
    from,
    to,
    script: true,
    exitCode: null,
    filters: { externalTables: [], externalEnums: [] },
  });
  const script = (result.stdout ?? '').trim();
  // The engine marks a no-op diff with a comment rather than an empty script.
  return script === '-- This is an empty migration.' ? '' : script;
}

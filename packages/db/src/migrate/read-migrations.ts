import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** One folder of prisma/migrations, as Prisma lays them out: `<timestamp>_<name>/migration.sql`. */
export type MigrationFile = {
  name: string;
  sql: string;
  /** SHA-256 of migration.sql, hex: the value Prisma stores in `_prisma_migrations.checksum`. */
  checksum: string;
};

/** The repository's prisma/migrations folder, found relative to this source file. */
export function defaultMigrationsDir(): string {
  return fileURLToPath(new URL('../../../../prisma/migrations', import.meta.url));
}

export function checksumOf(sql: string): string {
  return createHash('sha256').update(sql, 'utf8').digest('hex');
}

/**
 * Whether `sql` is the script a stored checksum was taken of. Like Prisma, a checkout that only
 * changed line endings (CRLF on Windows) still matches.
 */
export function matchesChecksum({ sql, checksum }: { sql: string; checksum: string }): boolean {
  const candidates = [sql, sql.replaceAll('\r\n', '\n'), sql.replaceAll(/\r?\n/g, '\r\n')];
  return candidates.some((candidate) => checksumOf(candidate) === checksum);
}

/** Reads every migration folder in name order, which is the order Prisma applies them in. */
export async function readMigrations({
  migrationsDir = defaultMigrationsDir(),
}: {
  migrationsDir?: string;
} = {}): Promise<MigrationFile[]> {
  const entries = await readdir(migrationsDir, { withFileTypes: true });
  const names = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  const migrations: MigrationFile[] = [];
  for (const name of names) {
    const sql = await readFile(join(migrationsDir, name, 'migration.sql'), 'utf8').catch(
      (error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return undefined;
        throw error;
      },
    );
    if (sql !== undefined) migrations.push({ name, sql, checksum: checksumOf(sql) });
  }
  return migrations;
}

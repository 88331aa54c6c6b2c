import { DbError } from '../db-error';
import { parseDbEnv } from '../env';
import type { PrismaClient } from '../generated/prisma/client';
import { createPrismaClient } from './create-prisma-client';

export type DatabaseSettings = {
  url: string;
  /** Connections this process may hold (PARAPET_DB_POOL_SIZE); the client's default if unset. */
  poolSize?: number | undefined;
};

// The settings and the client live on globalThis, not in module scope: Next.js loads the app's
// modules apart from the script that starts it (and dev re-evaluates them on every hot reload),
// so module scope would give each copy its own settings and its own connection pool.
const holder = globalThis as typeof globalThis & {
  __parapetDatabase?: DatabaseSettings;
  __parapetPrisma?: { client: PrismaClient; settings: DatabaseSettings };
};

/**
 * Names the process's database, once, at start-up (what `startDatabase` returned, and the pool
 * size from the parsed environment). Tests call it again to point the process at their own
 * database; the previous client is then closed.
 */
export function configureDatabase(settings: DatabaseSettings): void {
  holder.__parapetDatabase = settings;
}

/**
 * The process-wide client for the configured database. A process that configured nothing (a
 * script run by hand) takes `DATABASE_URL` and `PARAPET_DB_POOL_SIZE` from its environment,
 * parsed once on this first use.
 */
export function getPrisma(): PrismaClient {
  const settings = getDatabaseSettings();
  const existing = holder.__parapetPrisma;
  if (existing?.settings === settings) return existing.client;
  if (existing) void existing.client.$disconnect();
  const client = createPrismaClient({
    databaseUrl: settings.url,
    ...(settings.poolSize === undefined ? {} : { maxConnections: settings.poolSize }),
  });
  holder.__parapetPrisma = { client, settings };
  return client;
}

/** The configured database's settings (from the environment on first use if none were given). */
export function getDatabaseSettings(): DatabaseSettings {
  holder.__parapetDatabase ??= settingsFromEnvironment();
  return holder.__parapetDatabase;
}

function settingsFromEnvironment(): DatabaseSettings {
  const { DATABASE_URL: url, PARAPET_DB_POOL_SIZE: poolSize } = parseDbEnv();
  if (!url) {
    throw new DbError(
      'CONFIG_INVALID',
      'No database is configured: start it with startDatabase() from @parapet/db/runtime and pass its URL to configureDatabase(), or set DATABASE_URL',
    );
  }
  return { url, poolSize };
}

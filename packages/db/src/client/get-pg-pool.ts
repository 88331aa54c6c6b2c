import pg from 'pg';
import { defaultConnectionWaitMs } from './create-prisma-client';
import { type DatabaseSettings, getDatabaseSettings } from './get-prisma';

/** Connections the raw pool holds at most: it serves bulk reads (exports) and bulk writes. */
export const defaultRawPoolSize = 8;

const holder = globalThis as typeof globalThis & {
  __parapetPgPool?: { pool: pg.Pool; settings: DatabaseSettings };
};

/**
 * The process-wide node-postgres pool for the configured database, beside getPrisma's client,
 * for what Prisma does not do well: partitioned audit tables, COPY, streamed reads with a
 * cursor. Same settings as getPrisma (configureDatabase, or DATABASE_URL); when the database is
 * configured again (tests), the previous pool is closed.
 */
export function getPgPool(): pg.Pool {
  const settings = getDatabaseSettings();
  const existing = holder.__parapetPgPool;
  if (existing?.settings === settings) return existing.pool;
  if (existing) void existing.pool.end();
  const pool = new pg.Pool({
    connectionString: settings.url,
    max: Math.min(settings.poolSize ?? defaultRawPoolSize, defaultRawPoolSize),
    connectionTimeoutMillis: defaultConnectionWaitMs,
  });
  // An idle client's error (the server restarted) must not crash the process; the pool drops it.
  pool.on('error', () => {});
  holder.__parapetPgPool = { pool, settings };
  return pool;
}

import { DbError } from '../db-error';
import { parseDbEnv } from '../env';
import type { PrismaClient } from '../generated/prisma/client';
import { createPrismaClient } from './create-prisma-client';

// The singleton lives on globalThis, not in module scope: Next.js dev re-evaluates modules on
// every hot reload, and a module-scoped client would open a new connection pool each time.
const globalForPrisma = globalThis as typeof globalThis & {
  __parapetPrisma?: { client: PrismaClient; databaseUrl: string };
};

/**
 * The process-wide client for `DATABASE_URL`. Apps that start the embedded default set
 * `DATABASE_URL` to the embedded server's URL (from `startDatabase`) before the first call.
 */
export function getPrisma(): PrismaClient {
  const { DATABASE_URL: databaseUrl, PARAPET_DB_POOL_SIZE: maxConnections } = parseDbEnv();
  if (!databaseUrl) {
    throw new DbError(
      'CONFIG_INVALID',
      'DATABASE_URL is not set: start the database with startDatabase() from @parapet/db/runtime first, or set DATABASE_URL',
    );
  }
  const existing = globalForPrisma.__parapetPrisma;
  if (existing && existing.databaseUrl === databaseUrl) return existing.client;
  if (existing) void existing.client.$disconnect();
  const client = createPrismaClient({ databaseUrl, maxConnections });
  globalForPrisma.__parapetPrisma = { client, databaseUrl };
  return client;
}

import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../generated/prisma/client';

/**
 * Connections one process holds at most. pg's own default (10) was too few for a burst of
 * sign-ins; 20 leaves Postgres's default of 100 connections room for several console
 * processes, migrations and psql. PARAPET_DB_POOL_SIZE overrides it.
 */
export const defaultPoolSize = 20;

/**
 * How long a query or a transaction waits for a pooled connection. pg waits forever by
 * default, so a burst of requests would queue without bound; past this wait the caller gets an
 * error isDatabaseBusy recognises, and the console answers "busy, try again" instead.
 */
export const defaultConnectionWaitMs = 5_000;

export type CreatePrismaClientOptions = {
  databaseUrl: string;
  /** Upper bound of pooled connections; defaultPoolSize when not given. */
  maxConnections?: number;
  /** How long to wait for a pooled connection; defaultConnectionWaitMs when not given. */
  connectionWaitMs?: number;
};

/**
 * Creates a Prisma client over node-postgres. Prisma 7's client is pure TypeScript and talks to
 * Postgres through this driver adapter, so no native query engine is involved.
 */
export function createPrismaClient({
  databaseUrl,
  maxConnections = defaultPoolSize,
  connectionWaitMs = defaultConnectionWaitMs,
}: CreatePrismaClientOptions): PrismaClient {
  const adapter = new PrismaPg({
    connectionString: databaseUrl,
    max: maxConnections,
    connectionTimeoutMillis: connectionWaitMs,
  });
  // An interactive transaction waits for its connection as long as a query does (Prisma's own
  // default is 2 s). Transactions are kept short, so 10 s to finish is ample even when several
  // queue on the same advisory lock.
  return new PrismaClient({
    adapter,
    transactionOptions: { maxWait: connectionWaitMs, timeout: 10_000 },
  });
}

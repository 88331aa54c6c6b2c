import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../generated/prisma/client';

export type CreatePrismaClientOptions = {
  databaseUrl: string;
  /** Upper bound of pooled connections; pg's default (10) suits one app process. */
  maxConnections?: number;
};

/**
 * Creates a Prisma client over node-postgres. Prisma 7's client is pure TypeScript and talks to
 * Postgres through this driver adapter, so no native query engine is involved.
 */
export function createPrismaClient({
  databaseUrl,
  maxConnections,
}: CreatePrismaClientOptions): PrismaClient {
  const adapter = new PrismaPg({
    connectionString: databaseUrl,
    ...(maxConnections === undefined ? {} : { max: maxConnections }),
  });
  return new PrismaClient({ adapter });
}

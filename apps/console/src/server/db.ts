import { getPrisma, type PrismaClient } from '@parapet/db';

/** The process-wide database client (DATABASE_URL is set by `pnpm start` or the operator). */
export function db(): PrismaClient {
  return getPrisma();
}

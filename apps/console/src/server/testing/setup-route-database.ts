import { configureDatabase, getPrisma, type PrismaClient } from '@parapet/db';
import { createTestDatabase, type TestDatabase } from '@parapet/db/testing';
import { afterEach, beforeEach } from 'vitest';

/**
 * A fresh database for each test, made the process's database (configureDatabase), so the route
 * handlers and actions Next.js would call can be called as they are, with a real Request,
 * against it. Returns a getter for the current test's client.
 */
export function setupRouteDatabase(): () => PrismaClient {
  let database: TestDatabase | undefined;
  beforeEach(async () => {
    database = await createTestDatabase();
    configureDatabase({ url: database.databaseUrl });
  });
  afterEach(async () => {
    await getPrisma().$disconnect();
    await database?.drop();
    database = undefined;
  });
  return () => {
    if (!database) throw new Error('setupRouteDatabase: no database outside a test.');
    return database.prisma;
  };
}

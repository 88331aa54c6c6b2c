import type { PrismaClient } from '@parapet/db';
import { createTestDatabase, type TestDatabase } from '@parapet/db/testing';
import { afterEach, beforeEach } from 'vitest';

/**
 * A fresh, migrated database for every test of the calling file (cloned from the run's
 * template, or from `template()`'s database when given), dropped afterwards. Returns a getter for
 * the current test's client.
 */
export function setupTestDatabase({
  template,
}: {
  template?: () => TestDatabase;
} = {}): () => PrismaClient {
  let database: TestDatabase | undefined;
  beforeEach(async () => {
    database = await createTestDatabase(template ? { template: template() } : {});
  });
  afterEach(async () => {
    await database?.drop();
    database = undefined;
  });
  return () => {
    if (!database) throw new Error('setupTestDatabase: no database outside a test.');
    return database.prisma;
  };
}

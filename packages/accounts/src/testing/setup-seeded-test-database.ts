import type { PrismaClient } from '@parapet/db';
import { createTestDatabase, freezeAsTemplate, type TestDatabase } from '@parapet/db/testing';
import { afterAll, beforeAll } from 'vitest';
import { setupTestDatabase } from './setup-test-database';

/**
 * Like `setupTestDatabase`, for a file whose every test starts from the same seeded world: `seed`
 * runs once, into a database of its own that then becomes a template, and each test gets a fresh
 * clone of it (what `seed` wrote, byte for byte, with the same ids, tokens and keys). A test
 * changes only its clone; the next one starts from the seeded state again. Returns getters for
 * the current test's client and for what `seed` returned.
 */
export function setupSeededTestDatabase<World>(seed: (prisma: PrismaClient) => Promise<World>): {
  db: () => PrismaClient;
  world: () => World;
} {
  let template: TestDatabase | undefined;
  let seeded: { world: World } | undefined;
  beforeAll(async () => {
    template = await createTestDatabase();
    seeded = { world: await seed(template.prisma) };
    await freezeAsTemplate(template);
  });
  afterAll(async () => {
    await template?.drop();
    template = undefined;
  });
  const db = setupTestDatabase({
    template: () => {
      if (!template) throw new Error('setupSeededTestDatabase: seeding the world failed.');
      return template;
    },
  });
  return {
    db,
    world: () => {
      if (!seeded)
        throw new Error('setupSeededTestDatabase: the world is seeded before the tests.');
      return seeded.world;
    },
  };
}

import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultMigrationsDir } from '../migrate/read-migrations';
import { createTestDatabase } from '../testing/create-test-database';
import { databaseTarget, diffSchema, migrationsTarget, schemaTarget } from './diff-schema';
import { loadSchemaEngine } from './load-schema-engine';

// The migrations are the only way schema reaches a database, so they must produce exactly what
// schema.prisma describes. Prisma's own schema engine (WebAssembly build) is the judge.

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function migratedDatabaseWithEngine() {
  // Test databases are clones of a template that the migrations runner migrated.
  const database = await createTestDatabase();
  cleanups.push(database.drop);
  await database.prisma.$disconnect();
  const loaded = await loadSchemaEngine({ databaseUrl: database.databaseUrl });
  cleanups.push(loaded.close);
  return { ...loaded, databaseUrl: database.databaseUrl };
}

describe('no drift between prisma/migrations and schema.prisma', () => {
  it('a database migrated by the runner is exactly schema.prisma', async () => {
    const { engine } = await migratedDatabaseWithEngine();
    const script = await diffSchema({
      engine,
      from: await databaseTarget(),
      to: await schemaTarget(),
    });
    expect(script).toBe('');
  });

  it('replaying the migrations folder yields exactly schema.prisma', async () => {
    const { engine } = await migratedDatabaseWithEngine();
    const script = await diffSchema({
      engine,
      from: await migrationsTarget({ migrationsDir: defaultMigrationsDir() }),
      to: await schemaTarget(),
    });
    expect(script).toBe('');
  });

  it('notices a column added by hand, so the check above can fail', async () => {
    const { engine, databaseUrl } = await migratedDatabaseWithEngine();
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    await client.query('ALTER TABLE "organizations" ADD COLUMN "sneaky" TEXT');
    await client.end();
    const script = await diffSchema({
      engine,
      from: await databaseTarget(),
      to: await schemaTarget(),
    });
    expect(script).toContain('DROP COLUMN "sneaky"');
  });
});

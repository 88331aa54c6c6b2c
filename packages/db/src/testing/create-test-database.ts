import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { createPrismaClient } from '../client/create-prisma-client';
import type { PrismaClient } from '../generated/prisma/client';
import { configureMasterKey } from '../master-key/configure-master-key';
import { closeToConnections, withAdminClient } from './prepare-template';
import { type ParapetTestDbContext, withDatabase } from './provided-context';
import { TEST_MASTER_KEY } from './test-master-key';

export type TestDatabase = {
  /** Its name on the run's test server. */
  name: string;
  /** Its own database on the run's test server: migrated, and empty unless cloned from a seeded template. */
  databaseUrl: string;
  prisma: PrismaClient;
  /** Disconnects and drops the database; safe to call twice. */
  drop: () => Promise<void>;
};

/**
 * A fresh database for one test file (or one test), cloned from the run's migrated template with
 * `CREATE DATABASE … TEMPLATE …`, which copies files instead of replaying migrations. It also
 * configures `TEST_MASTER_KEY` in the test process, as an app's start-up does with its real key,
 * so code that writes the activity log works in tests without each one loading a key.
 *
 * `template` clones another database of this run instead (see `freezeAsTemplate`): a file that
 * seeds the same world before every test seeds it once and clones the result.
 */
export async function createTestDatabase({
  template,
}: {
  template?: TestDatabase;
} = {}): Promise<TestDatabase> {
  configureMasterKey({ key: TEST_MASTER_KEY });
  const context = testDbContext();
  const { adminUrl, runId } = context;
  const templateDatabase = template?.name ?? context.templateDatabase;
  const name = `parapet_test_${runId}_${randomBytes(5).toString('hex')}`;
  await withAdminClient({ adminUrl }, (client) =>
    client.query(
      `CREATE DATABASE ${client.escapeIdentifier(name)} TEMPLATE ${client.escapeIdentifier(templateDatabase)}`,
    ),
  );
  const databaseUrl = withDatabase({ url: adminUrl, database: name });
  const prisma = createPrismaClient({ databaseUrl, maxConnections: 5 });
  let dropped = false;
  return {
    name,
    databaseUrl,
    prisma,
    drop: async () => {
      if (dropped) return;
      dropped = true;
      await prisma.$disconnect();
      await withAdminClient({ adminUrl }, (client) =>
        client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`),
      );
    },
  };
}

/**
 * Makes a test database a template for `createTestDatabase({ template })`: closes its client,
 * then the database to connections (`closeToConnections`). Its `drop()` still removes it.
 */
export async function freezeAsTemplate(database: TestDatabase): Promise<void> {
  await database.prisma.$disconnect();
  await closeToConnections({ adminUrl: testDbContext().adminUrl, database: database.name });
}

/** The run's test server, for tests that need a database that is not a clone (migrations). */
export function testDbContext(): ParapetTestDbContext {
  const context = inject('parapetDb');
  if (!context) {
    throw new Error(
      "The Parapet test database is not set up: add '@parapet/db/testing/global-setup' to test.globalSetup in this package's vitest.config.ts.",
    );
  }
  return context;
}

/** An empty database (no migrations) on the run's test server, dropped by `drop()`. */
export async function createEmptyDatabase(): Promise<{
  databaseUrl: string;
  drop: () => Promise<void>;
}> {
  const { adminUrl, runId } = testDbContext();
  const name = `parapet_test_${runId}_${randomBytes(5).toString('hex')}`;
  await withAdminClient({ adminUrl }, (client) =>
    client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`),
  );
  return {
    databaseUrl: withDatabase({ url: adminUrl, database: name }),
    drop: () =>
      withAdminClient({ adminUrl }, async (client) => {
        await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`);
      }),
  };
}

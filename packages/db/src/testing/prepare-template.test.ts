import { describe, expect, it } from 'vitest';
import { testDbContext } from './create-test-database';
import { dropRunDatabases, prepareTemplate, withAdminClient } from './prepare-template';
import { withDatabase } from './provided-context';

async function databasesLike(adminUrl: string, pattern: string): Promise<string[]> {
  return withAdminClient({ adminUrl }, async (client) => {
    const { rows } = await client.query<{ datname: string }>(
      'SELECT datname FROM pg_database WHERE datname LIKE $1 ORDER BY 1',
      [pattern],
    );
    return rows.map((row) => row.datname);
  });
}

// This is what the global setup does on a shared server (DATABASE_URL): a run creates its own
// template and clones, and its teardown drops exactly those, never another run's.
describe('a run on a shared server', () => {
  it('creates a migrated template and drops only its own databases at the end', async () => {
    const { adminUrl, templateDatabase: ourTemplate } = testDbContext();
    const other = await prepareTemplate({ adminUrl });
    expect(other.runId).not.toBe(testDbContext().runId);
    await withAdminClient({ adminUrl }, (client) =>
      client.query(
        `CREATE DATABASE "parapet_test_${other.runId}_x" TEMPLATE "${other.templateDatabase}"`,
      ),
    );
    const migrated = await withAdminClient(
      { adminUrl: withDatabase({ url: adminUrl, database: `parapet_test_${other.runId}_x` }) },
      (client) =>
        client.query<{ count: string }>(
          'SELECT count(*) FROM "_prisma_migrations" WHERE finished_at IS NOT NULL',
        ),
    );
    expect(Number(migrated.rows[0]?.count)).toBeGreaterThan(0);

    await dropRunDatabases({ adminUrl, runId: other.runId });
    expect(await databasesLike(adminUrl, `parapet_%_${other.runId}%`)).toEqual([]);
    expect(await databasesLike(adminUrl, ourTemplate)).toEqual([ourTemplate]);
  });
});

import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { migrate } from '../migrate/migrate';
import { type ParapetTestDbContext, withDatabase } from './provided-context';

/**
 * Creates this run's template database on the server behind `adminUrl` and applies every
 * migration to it once; test databases are then cheap file-level copies of it.
 */
export async function prepareTemplate({
  adminUrl,
}: {
  adminUrl: string;
}): Promise<ParapetTestDbContext> {
  const runId = randomBytes(4).toString('hex');
  const templateDatabase = `parapet_tpl_${runId}`;
  await withAdminClient({ adminUrl }, (client) =>
    client.query(`CREATE DATABASE ${client.escapeIdentifier(templateDatabase)}`),
  );
  await migrate({ databaseUrl: withDatabase({ url: adminUrl, database: templateDatabase }) });
  await closeToConnections({ adminUrl, database: templateDatabase });
  return { adminUrl, templateDatabase, runId };
}

/**
 * Readies a database to be copied as a template. Postgres refuses to copy a template while anyone
 * is connected to it; forbidding connections turns a stray connection into an immediate, clear
 * error instead of a flaky copy failure.
 */
export async function closeToConnections({
  adminUrl,
  database,
}: {
  adminUrl: string;
  database: string;
}): Promise<void> {
  await withAdminClient({ adminUrl }, (client) =>
    client.query(
      `ALTER DATABASE ${client.escapeIdentifier(database)} WITH ALLOW_CONNECTIONS false`,
    ),
  );
}

/** Drops the template and every test database of this run that a test did not drop itself. */
export async function dropRunDatabases({
  adminUrl,
  runId,
}: {
  adminUrl: string;
  runId: string;
}): Promise<void> {
  await withAdminClient({ adminUrl }, async (client) => {
    const { rows } = await client.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE $1 OR datname LIKE $2`,
      [`parapet_test_${runId}_%`, `parapet_tpl_${runId}`],
    );
    for (const { datname } of rows) {
      await client.query(
        `DROP DATABASE IF EXISTS ${client.escapeIdentifier(datname)} WITH (FORCE)`,
      );
    }
  });
}

export async function withAdminClient<T>(
  { adminUrl }: { adminUrl: string },
  work: (client: pg.Client) => Promise<T>,
): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

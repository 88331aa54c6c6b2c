import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { createPrismaClient, type DbEnv, type PrismaClient } from '@parapet/db';
import { migrate } from '@parapet/db/migrate';
import {
  DEFAULT_EMBEDDED_PORT,
  EMBEDDED_DATABASE_NAME,
  loadMasterKey,
  startDatabase,
} from '@parapet/db/runtime';
import { OperatorError } from './operator-error';

export type InstallationDatabase = {
  db: PrismaClient;
  /** How it was reached, for the command's first line. */
  description: string;
  close: () => Promise<void>;
};

/**
 * The installation's database, found the way `pnpm start` finds it: DATABASE_URL when set,
 * else the embedded default of the data folder (PARAPET_DATA_DIR, or `<repo root>/.parapet`).
 * A running `pnpm start` is used as it is (its port and the cluster's password file); when it is
 * not running, the embedded Postgres is started for the command and stopped afterwards, with
 * migrations applied as `pnpm start` would. The master key is loaded as `pnpm start` loads it,
 * because a new organization's activity log and signing keys are written with it.
 */
export async function openInstallationDatabase({
  dbEnv,
  dataDir,
}: {
  dbEnv: DbEnv;
  dataDir: string;
}): Promise<InstallationDatabase> {
  if (dbEnv.DATABASE_URL) {
    await loadMasterKey({ dataDir, embedded: false });
    return connect(dbEnv.DATABASE_URL, 'the PostgreSQL server at DATABASE_URL', async () => {});
  }
  const root = resolve(dataDir);
  const password = await readFile(join(root, 'pg-password'), 'utf8').catch(() => undefined);
  if (password === undefined) {
    throw new OperatorError(
      `No Parapet installation in ${root}: run \`pnpm start\` once first, or set PARAPET_DATA_DIR (or DATABASE_URL) to the installation's.`,
    );
  }
  await loadMasterKey({ dataDir: root, embedded: true });
  const port = dbEnv.PARAPET_DB_PORT ?? DEFAULT_EMBEDDED_PORT;
  const url = `postgres://postgres:${encodeURIComponent(password.trim())}@127.0.0.1:${port}/${EMBEDDED_DATABASE_NAME}`;
  const running = await connect(
    url,
    `the running embedded database (port ${port})`,
    async () => {},
  );
  if (await reachable(running.db)) return running;
  await running.close();
  const started = await startDatabase({ dataDir: root, env: dbEnv });
  try {
    await migrate({ databaseUrl: started.url });
  } catch (error) {
    await started.stop();
    throw error;
  }
  return connect(started.url, `the embedded database in ${root} (started for this command)`, () =>
    started.stop(),
  );
}

async function connect(
  url: string,
  description: string,
  stop: () => Promise<void>,
): Promise<InstallationDatabase> {
  const db = createPrismaClient({ databaseUrl: url, maxConnections: 2 });
  return {
    db,
    description,
    close: async () => {
      await db.$disconnect();
      await stop();
    },
  };
}

async function reachable(db: PrismaClient): Promise<boolean> {
  try {
    await db.$queryRaw`SELECT 1`;
    return true;
  } catch {
    return false;
  }
}

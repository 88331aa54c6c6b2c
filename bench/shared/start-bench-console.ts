import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildConsole } from '@parapet/e2e/build-console';
import { startConsoleServer } from '@parapet/e2e/console-server';
import { findFreePort } from '@parapet/e2e/ports';

export type BenchConsole = {
  baseUrl: string;
  owner: { email: string; password: string };
  /** Everything the console has logged so far. */
  readLog: () => string;
  stop: () => Promise<void>;
};

const owner = { email: 'owner@bench.example', password: 'bench owner password 1' };

/**
 * Builds the console (cached by Turborepo when nothing changed) and starts it as `pnpm start`
 * does, on a fresh embedded Postgres in a temporary folder, on 127.0.0.1 only. Headless setup
 * creates the organization and its owner. The bench's own address is the one trusted proxy,
 * so it can give each sign-in the client address it wants in X-Forwarded-For. The console's
 * output goes to a file, read back to count what it logged.
 */
export async function startBenchConsole({
  repoRoot,
  poolSize,
  env: extraEnv = {},
}: {
  repoRoot: string;
  poolSize: string | undefined;
  /** More variables for the console (e.g. PARAPET_SETUP_API_KEY). */
  env?: Record<string, string>;
}): Promise<BenchConsole> {
  await buildConsole({ repoRoot });
  // The data folder is handed over empty, so Parapet keeps the cluster in it (as root it opens
  // an empty folder made for it to the postgres user) rather than under /var/lib/parapet, where
  // it would outlive the run. The log goes to a folder of its own, only this user may enter.
  const dataDir = mkdtempSync(join(tmpdir(), 'parapet-bench-sign-in-data-'));
  const work = mkdtempSync(join(tmpdir(), 'parapet-bench-sign-in-log-'));
  const logPath = join(work, 'console.log');
  const logFd = openSync(logPath, 'a');
  const port = await findFreePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PARAPET_DATA_DIR: dataDir,
    PARAPET_DB_PORT: String(await findFreePort()),
    PORT: String(port),
    PARAPET_HOST: '127.0.0.1',
    PARAPET_TRUSTED_PROXIES: '127.0.0.1',
    AUTH_URL: baseUrl,
    AUTH_TRUST_HOST: 'true',
    NODE_ENV: 'production',
    PARAPET_SETUP_ORG_NAME: 'Bench',
    PARAPET_SETUP_OWNER_EMAIL: owner.email,
    PARAPET_SETUP_OWNER_PASSWORD: owner.password,
    ...extraEnv,
  };
  // The embedded default: no external database, whatever the caller's environment says.
  delete env.DATABASE_URL;
  if (poolSize === undefined) delete env.PARAPET_DB_POOL_SIZE;
  else env.PARAPET_DB_POOL_SIZE = poolSize;
  const cleanUp = () => {
    closeSync(logFd);
    rmSync(work, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const server = await startConsoleServer({ repoRoot, baseURL: baseUrl, env, logFd });
    return {
      baseUrl,
      owner,
      readLog: () => readFileSync(logPath, 'utf8'),
      stop: async () => {
        await server.stop();
        cleanUp();
      },
    };
  } catch (error) {
    process.stderr.write(readFileSync(logPath, 'utf8'));
    cleanUp();
    throw error;
  }
}

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { e2eBaseUrl } from './base-url';
import { buildConsole } from './build-console';
import { startConsoleServer } from './console-server';
import { assertPortFree, findFreePort } from './ports';
import { screenshotDir } from './save-screenshot';

const repoRoot = resolve(import.meta.dirname, '../../..');
const baseURL = e2eBaseUrl;

/**
 * Builds the console, then starts it as `pnpm start` does, on a fresh embedded Postgres in a
 * temporary data folder, so every run begins with an installation nobody has set up. Returns
 * Playwright's teardown, which stops the console (and with it Postgres) and removes the folder.
 */
// biome-ignore lint/style/noDefaultExport: Playwright loads the global setup as a default export.
export default async function globalSetup(): Promise<() => Promise<void>> {
  const url = new URL(baseURL);
  await assertPortFree({ host: url.hostname, port: Number(url.port) });
  await buildConsole({ repoRoot });
  rmSync(screenshotDir, { recursive: true, force: true });

  const dataDir = mkdtempSync(join(tmpdir(), 'parapet-e2e-'));
  const edgePort = await findFreePort();
  // Specs that drive an endpoint (parapet-agent) read the edge's address from here; workers
  // inherit the environment the global setup leaves.
  process.env.PARAPET_E2E_EDGE_URL = `http://${url.hostname}:${edgePort}`;
  // The operator's command (`pnpm parapet`) reaches this installation's database the way
  // `pnpm start` does: through its data folder and its embedded Postgres's port.
  const dbPort = await findFreePort();
  process.env.PARAPET_E2E_DATA_DIR = dataDir;
  process.env.PARAPET_E2E_DB_PORT = String(dbPort);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PARAPET_EDGE_PORT: String(edgePort),
    PARAPET_WORKER_PORT: String(await findFreePort()),
    PARAPET_DATA_DIR: dataDir,
    PARAPET_DB_PORT: String(dbPort),
    PORT: url.port,
    PARAPET_HOST: url.hostname,
    AUTH_URL: baseURL,
    AUTH_TRUST_HOST: 'true',
    NODE_ENV: 'production',
  };
  // The embedded default: no external database, whatever the caller's environment says.
  delete env.DATABASE_URL;
  try {
    const server = await startConsoleServer({ repoRoot, baseURL, env });
    return async () => {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    };
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}

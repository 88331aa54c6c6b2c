import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

const consoleDir = resolve(import.meta.dirname, '../../../apps/console');

export type OperatorRun = { code: number | null; stdout: string; stderr: string };

/**
 * Runs the operator's command (`pnpm parapet …`, the script itself) against this test run's
 * installation: its data folder and database port from the global setup, its public URL.
 */
export function runOperatorCli(args: string[], baseURL: string): Promise<OperatorRun> {
  const dataDir = process.env.PARAPET_E2E_DATA_DIR;
  const dbPort = process.env.PARAPET_E2E_DB_PORT;
  if (!dataDir || !dbPort) {
    throw new Error('PARAPET_E2E_DATA_DIR is not set: run the specs through playwright.config.ts.');
  }
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PARAPET_DATA_DIR: dataDir,
    PARAPET_DB_PORT: dbPort,
    AUTH_URL: baseURL,
  };
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/parapet-cli.ts', ...args], {
    cwd: consoleDir,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  return new Promise((done) => {
    child.once('exit', (code) => done({ code, stdout, stderr }));
  });
}

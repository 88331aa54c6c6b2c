import { spawn } from 'node:child_process';
import { chmod, mkdtemp, readdir, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDatabase } from '@parapet/db/runtime';
import { afterEach, describe, expect, it, vi } from 'vitest';

// `pnpm start` refusing to start: whatever the reason, one clear line on stderr, no stack
// trace, a non-zero exit, and nothing left running.
const consoleDir = fileURLToPath(new URL('..', import.meta.url));
const cleanups: (() => Promise<unknown>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  vi.unstubAllEnvs();
});

async function temporaryDataDir(): Promise<string> {
  const dataDir = await mkdtemp(join(tmpdir(), 'parapet-serve-'));
  // As root, Postgres runs as the `postgres` user, which must be able to reach its folder.
  await chmod(dataDir, 0o711);
  cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
  return dataDir;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** Runs serve.ts as `pnpm start` does and waits for it to exit (60 s at most). */
function serve(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/serve.ts'], {
    cwd: consoleDir,
    // Only what the test gives, so nothing from the test run's own environment leaks in.
    env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'production', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const timer = setTimeout(() => child.kill('SIGINT'), 60_000);
  return new Promise((resolve) => {
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
  });
}

function expectOneClearLine(stderr: string, message: RegExp) {
  const lines = stderr.split('\n').filter((line) => line.trim() !== '');
  expect(lines, stderr).toHaveLength(1);
  expect(lines[0]).toMatch(message);
  expect(stderr).not.toMatch(/^\s+at /m);
}

describe('serve.ts refusing to start', () => {
  it('reports an invalid environment in one line', async () => {
    const dataDir = await temporaryDataDir();
    const { code, stderr } = await serve({ PARAPET_DATA_DIR: dataDir, PORT: 'eighty' });
    expect(code).toBe(1);
    expectOneClearLine(stderr, /PORT/);
  });

  it('requires AUTH_URL on an address other than loopback, before starting anything', async () => {
    const dataDir = await temporaryDataDir();
    const { code, stderr } = await serve({ PARAPET_DATA_DIR: dataDir, PARAPET_HOST: '0.0.0.0' });
    expect(code).toBe(1);
    expectOneClearLine(stderr, /AUTH_URL is required.*0\.0\.0\.0/);
    expect(await readdir(dataDir)).toEqual([]);
  });

  it('reports an embedded database that another process runs in one line', async () => {
    const dataDir = await temporaryDataDir();
    const port = String(await freePort());
    vi.stubEnv('PARAPET_DB_PORT', port);
    const running = await startDatabase({ dataDir });
    cleanups.push(running.stop);
    const { code, stderr } = await serve({ PARAPET_DATA_DIR: dataDir, PARAPET_DB_PORT: port });
    expect(code).toBe(1);
    expectOneClearLine(stderr, /already running/);
  });
});

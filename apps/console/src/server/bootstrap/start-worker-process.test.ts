import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { createTestDatabase, type TestDatabase } from '@parapet/db/testing';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';

const repoRoot = resolve(import.meta.dirname, '../../../../..');
const fixture = resolve(import.meta.dirname, 'start-worker-process.fixture.ts');

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => done(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

const health = (port: number) =>
  fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(1_000) }).then(
    (response) => (response.ok ? 'up' : 'unhealthy'),
    () => 'gone',
  );

describe('the worker process', () => {
  let database: TestDatabase | undefined;
  let parent: ChildProcess | undefined;
  beforeAll(() => {
    execFileSync('pnpm', ['exec', 'turbo', 'run', 'build', '--filter=@parapet/worker'], {
      cwd: repoRoot,
      stdio: 'ignore',
    });
  }, 120_000);
  afterEach(async () => {
    parent?.kill('SIGKILL');
    await database?.drop();
    database = undefined;
  });

  it('runs beside its console, comes back when it dies, and stops when the console is killed', async () => {
    database = await createTestDatabase();
    const port = await freePort();
    const started = spawn(process.execPath, ['--import', 'tsx', fixture], {
      cwd: repoRoot,
      env: {
        ...process.env,
        FIXTURE_REPO_ROOT: repoRoot,
        FIXTURE_DATABASE_URL: database.databaseUrl,
        PARAPET_WORKER_PORT: String(port),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    parent = started;
    const lines: string[] = [];
    await new Promise<void>((done, fail) => {
      started.once('exit', (code) => fail(new Error(`the fixture exited with ${code}`)));
      for (const input of [started.stdout, started.stderr]) {
        createInterface({ input }).on('line', (line) => {
          lines.push(line);
          if (line === 'fixture ready') done();
        });
      }
    });
    expect(await health(port)).toBe('up');
    expect(
      lines.some((line) => line.startsWith('[worker] {') && line.includes('"msg":"worker ready"')),
    ).toBe(true);

    // The worker's pid is not printed; its port is: kill whatever holds it, as a crash would.
    const listener = execFileSync('ss', ['-ltnpH', `sport = :${port}`]).toString();
    const pid = Number(/pid=(\d+)/.exec(listener)?.[1] ?? 0);
    expect(pid).toBeGreaterThan(0);
    process.kill(pid, 'SIGKILL');
    await expect
      .poll(() => lines.some((line) => line.includes('exited unexpectedly')), { timeout: 10_000 })
      .toBe(true);
    await expect.poll(() => health(port), { timeout: 30_000, interval: 200 }).toBe('up');

    started.kill('SIGKILL');
    // No signal reaches the worker: only its IPC channel closing tells it.
    await expect.poll(() => health(port), { timeout: 20_000, interval: 200 }).toBe('gone');
  }, 90_000);
});

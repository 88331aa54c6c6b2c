import { execFileSync, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { createTestDatabase, type TestDatabase } from '@parapet/db/testing';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';

const repoRoot = resolve(import.meta.dirname, '../../../../..');
const fixture = resolve(import.meta.dirname, 'start-edge-process.fixture.ts');

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

const answers = (url: string) =>
  fetch(`${url}/healthz`, { signal: AbortSignal.timeout(1_000) }).then(
    () => 'up',
    () => 'gone',
  );

describe('the edge process', () => {
  let database: TestDatabase | undefined;
  beforeAll(() => {
    // The console runs the built bundle; Turborepo replays it when nothing changed.
    execFileSync('pnpm', ['exec', 'turbo', 'run', 'build', '--filter=@parapet/edge'], {
      cwd: repoRoot,
      stdio: 'ignore',
    });
  }, 120_000);
  afterEach(async () => {
    await database?.drop();
    database = undefined;
  });

  it('stops by itself when the console that started it is killed, freeing its port', async () => {
    database = await createTestDatabase();
    const port = await freePort();
    const parent = spawn(process.execPath, ['--import', 'tsx', fixture], {
      cwd: repoRoot,
      env: {
        ...process.env,
        FIXTURE_REPO_ROOT: repoRoot,
        FIXTURE_EDGE_PORT: String(port),
        FIXTURE_DATABASE_URL: database.databaseUrl,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const url = await new Promise<string>((done, fail) => {
      parent.once('exit', (code) => fail(new Error(`the fixture exited with ${code}`)));
      createInterface({ input: parent.stdout }).on('line', (line) => {
        if (line.startsWith('fixture ready ')) done(line.slice('fixture ready '.length));
      });
    });
    expect(await answers(url)).toBe('up');

    parent.kill('SIGKILL');
    // No signal reaches the edge: only its IPC channel closing tells it.
    await expect.poll(() => answers(url), { timeout: 15_000, interval: 200 }).toBe('gone');
  });
});

#!/usr/bin/env node
// `pnpm start`: build the console, the edge and the worker (Turborepo replays the cached builds
// when nothing changed), then run its serve script directly, without another pnpm or shell in
// between, so that Ctrl-C reaches the console as it would any foreground program: it stops
// Next.js, then Postgres, and exits 0. This process only waits; it forwards SIGTERM (which, unlike a
// terminal's SIGINT, is sent to one process) and exits with the console's status.
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;

const build = spawnSync(
  'pnpm',
  [
    'exec',
    'turbo',
    'run',
    'build',
    '--filter=@parapet/console',
    '--filter=@parapet/edge',
    '--filter=@parapet/worker',
    '--output-logs=errors-only',
  ],
  { cwd: root, stdio: 'inherit' },
);
if (build.status !== 0) {
  console.error('Building the console, the edge or the worker failed; see the output above.');
  process.exit(build.status ?? 1);
}

const consoleServer = spawn(process.execPath, ['--import', 'tsx', 'scripts/serve.ts'], {
  cwd: join(root, 'apps', 'console'),
  stdio: 'inherit',
});
process.on('SIGINT', () => {
  // The terminal delivers Ctrl-C to the console too; it shuts down in order by itself.
});
process.on('SIGTERM', () => consoleServer.kill('SIGTERM'));
consoleServer.on('exit', (code, signal) => {
  process.exit(code ?? (signal ? 1 : 0));
});

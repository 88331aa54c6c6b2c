#!/usr/bin/env node
// Checks the README's first command the way a new user meets it: `pnpm start` from this
// checkout (as root from a folder only root may enter, when .ci/run runs it there) must build,
// start the embedded PostgreSQL, serve the console with the edge API and the worker beside it,
// answer /api/health, the edge's /readyz and the worker's /healthz, and stop cleanly on SIGTERM. It uses its own data folder inside the checkout and free ports, so it never touches
// a developer's `.parapet/` or a running console, and it removes what it created.
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const dataDir = join(root, `.parapet-smoke-${process.pid}`);
const deadlineMs = 5 * 60_000;

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const port = await freePort();
const edgePort = await freePort();
const workerPort = await freePort();
const env = {
  ...process.env,
  PORT: String(port),
  PARAPET_EDGE_PORT: String(edgePort),
  PARAPET_WORKER_PORT: String(workerPort),
  PARAPET_DB_PORT: String(await freePort()),
  PARAPET_DATA_DIR: dataDir,
};
delete env.DATABASE_URL;

const child = spawn(process.execPath, [join(root, 'scripts', 'start.mjs')], {
  cwd: root,
  env,
  stdio: ['ignore', 'pipe', 'inherit'],
});
const exited = new Promise((resolve) =>
  child.once('exit', (code, signal) => resolve(code ?? signal)),
);
let output = '';
child.stdout.on('data', (chunk) => {
  output += chunk.toString('utf8');
  process.stdout.write(chunk);
});

let failure;
try {
  const started = Date.now();
  while (!output.includes('Parapet worker running')) {
    if (child.exitCode !== null) throw new Error(`pnpm start exited with ${child.exitCode}`);
    if (Date.now() - started > deadlineMs) throw new Error('pnpm start was not ready in 5 minutes');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const response = await fetch(`http://127.0.0.1:${port}/api/health`);
  const body = await response.text();
  if (response.status !== 200) throw new Error(`/api/health answered ${response.status}: ${body}`);
  console.log(`smoke: /api/health answered 200 ${body}`);
  const edge = await fetch(`http://127.0.0.1:${edgePort}/readyz`);
  const edgeBody = await edge.text();
  if (edge.status !== 200)
    throw new Error(`the edge's /readyz answered ${edge.status}: ${edgeBody}`);
  console.log(`smoke: the edge's /readyz answered 200 ${edgeBody}`);
  const worker = await fetch(`http://127.0.0.1:${workerPort}/healthz`);
  const workerBody = await worker.text();
  if (worker.status !== 200)
    throw new Error(`the worker's /healthz answered ${worker.status}: ${workerBody}`);
  console.log(`smoke: the worker's /healthz answered 200 ${workerBody}`);
} catch (error) {
  failure = error;
}
child.kill('SIGTERM');
const exitStatus = await exited;
if (!failure && exitStatus !== 0)
  failure = new Error(`pnpm start exited with ${exitStatus} on SIGTERM`);

// The cluster may live under the state directory (as root, from a closed folder): remove the
// folder Parapet made for it there too, as named in the start log.
const clusterDir = /Embedded PostgreSQL running, data in (.+)/.exec(output)?.[1]?.trim();
if (clusterDir && !clusterDir.startsWith(dataDir))
  rmSync(dirname(clusterDir), { recursive: true, force: true });
rmSync(dataDir, { recursive: true, force: true });

if (failure) {
  console.error(`smoke: ${failure.message}`);
  process.exit(1);
}
console.log(`smoke: pnpm start served the console (data in ${clusterDir}) and stopped cleanly`);

// A stand-in console for start-worker-process.test.ts: starts the worker through the real code
// path (its metrics port from PARAPET_WORKER_PORT in this environment), then waits to be killed.
import { randomBytes } from 'node:crypto';
import { startWorkerProcess } from './start-worker-process';

await startWorkerProcess({
  repoRoot: String(process.env.FIXTURE_REPO_ROOT),
  databaseUrl: String(process.env.FIXTURE_DATABASE_URL),
  masterKey: randomBytes(32),
});
process.stdout.write('fixture ready\n');
setInterval(() => undefined, 60_000);

// A stand-in console for start-edge-process.test.ts: starts the edge through the real code
// path, says where it listens, then waits to be killed.
import { randomBytes } from 'node:crypto';
import { startEdgeProcess } from './start-edge-process';

const edge = await startEdgeProcess({
  repoRoot: String(process.env.FIXTURE_REPO_ROOT),
  host: '127.0.0.1',
  port: Number(process.env.FIXTURE_EDGE_PORT),
  databaseUrl: String(process.env.FIXTURE_DATABASE_URL),
  masterKey: randomBytes(32),
  issuer: 'https://parapet.example.test',
});
process.stdout.write(`fixture ready ${edge.url}\n`);
setInterval(() => undefined, 60_000);

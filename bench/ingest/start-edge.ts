import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export type BenchEdge = { url: string; pid: number; stop: () => Promise<void> };

/**
 * Builds the edge bundle and runs it as `pnpm start` does (apps/edge/dist/edge.mjs on plain Node,
 * with the console's default V8 flags unless PARAPET_EDGE_V8_FLAGS says otherwise), on `port`;
 * or runs PARAPET_BENCH_EDGE_BUNDLE (a path under apps/edge) as it is.
 */
export async function startBenchEdge({
  repoRoot,
  databaseUrl,
  masterKey,
  port,
}: {
  repoRoot: string;
  databaseUrl: string;
  masterKey: Buffer;
  port: number;
}): Promise<BenchEdge> {
  const edgeDir = join(repoRoot, 'apps/edge');
  // A prebuilt bundle instead (e.g. `dist/edge-before.mjs`, copied from an earlier build), to
  // compare two builds run after one another on the same machine.
  const bundle = process.env.PARAPET_BENCH_EDGE_BUNDLE;
  if (!bundle) {
    const built = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: edgeDir });
    if (built.status !== 0) throw new Error(`the edge did not build: ${built.stderr}`);
  }
  const flags = (
    process.env.PARAPET_EDGE_V8_FLAGS ?? '--max-semi-space-size=8 --heap-growing-percent=20'
  )
    .split(/\s+/)
    .filter(Boolean);
  const child: ChildProcess = spawn(process.execPath, [...flags, bundle ?? 'dist/edge.mjs'], {
    cwd: edgeDir,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PARAPET_MASTER_KEY: masterKey.toString('base64'),
      PARAPET_PUBLIC_URL: 'https://parapet.bench.example',
      PARAPET_EDGE_HOST: '127.0.0.1',
      PARAPET_EDGE_PORT: String(port),
      PARAPET_EDGE_LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  };
  for (let tries = 0; tries < 300; tries += 1) {
    if (child.exitCode !== null) throw new Error(`the edge exited with code ${child.exitCode}`);
    const ready = await fetch(`${url}/readyz`).catch(() => undefined);
    if (ready?.ok) return { url, pid: child.pid ?? 0, stop };
    await sleep(100);
  }
  await stop();
  throw new Error('the edge did not become ready');
}

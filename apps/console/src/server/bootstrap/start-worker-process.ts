import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';

export type WorkerProcessOptions = {
  repoRoot: string;
  /** Where the worker reaches Postgres: the embedded cluster's URL, or DATABASE_URL. */
  databaseUrl: string;
  /** The 32-byte master key (destination secrets are sealed with it), handed to this child only. */
  masterKey: Buffer;
};

export type WorkerProcess = { stop: () => Promise<void> };

const READY_DEADLINE_MS = 60_000;
const RESTART_DELAY_MS = 1_000;

/**
 * Runs the worker (apps/worker: SIEM export, event partitions and retention) as its own process
 * beside the console, as `pnpm start` promises: a slow receiver or a large backlog never takes
 * the console's event loop, and a crash is restarted instead of taking the console down. The
 * worker's own settings (PARAPET_WORKER_*, PARAPET_EXPORT_*) pass through from this environment.
 * Resolves once it says it is ready; its output is prefixed with `[worker]`.
 */
export async function startWorkerProcess(options: WorkerProcessOptions): Promise<WorkerProcess> {
  // Like the edge, the worker runs only as the bundle `turbo run build` makes.
  const entry = join(options.repoRoot, 'apps/worker/dist/worker.mjs');
  if (!existsSync(entry)) {
    throw new Error(
      `The worker is not built (${entry} is missing): run \`pnpm exec turbo run build --filter=@parapet/worker\`, or start with \`pnpm start\`, which builds it.`,
    );
  }
  let child: ChildProcess | undefined;
  let stopping = false;
  let readyOnce = false;
  let readySeen: (() => void) | undefined;

  const launch = (): ChildProcess => {
    const started = spawn(process.execPath, ['--enable-source-maps', entry], {
      cwd: join(options.repoRoot, 'apps/worker'),
      env: {
        ...process.env,
        DATABASE_URL: options.databaseUrl,
        PARAPET_MASTER_KEY: options.masterKey.toString('base64'),
      },
      // The IPC channel closes when this process dies, however it dies, and the worker then stops
      // by itself (apps/worker/src/main.ts).
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    started.channel?.unref();
    for (const stream of [started.stdout, started.stderr]) {
      if (!stream) continue;
      createInterface({ input: stream }).on('line', (line) => {
        if (line.includes('"msg":"worker ready"')) readySeen?.();
        console.log(`[worker] ${line}`);
      });
    }
    started.on('exit', (code, signal) => {
      if (stopping || !readyOnce) return;
      console.error(
        `[worker] exited unexpectedly (${signal ?? `code ${code}`}); restarting in ${RESTART_DELAY_MS / 1000} s`,
      );
      setTimeout(() => {
        if (!stopping) child = launch();
      }, RESTART_DELAY_MS).unref();
    });
    return started;
  };

  const ready = new Promise<void>((resolve) => {
    readySeen = resolve;
  });
  child = launch();
  const stop = async (): Promise<void> => {
    stopping = true;
    const running = child;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()));
    running.kill('SIGTERM');
    const killed = sleep(15_000).then(() => running.kill('SIGKILL'));
    await Promise.race([exited, killed]);
  };

  try {
    await waitUntilReady(ready, () => child?.exitCode ?? null);
    readyOnce = true;
  } catch (error) {
    await stop();
    throw error;
  }
  return { stop };
}

async function waitUntilReady(ready: Promise<void>, exitCode: () => number | null): Promise<void> {
  let isReady = false;
  void ready.then(() => {
    isReady = true;
  });
  const deadline = Date.now() + READY_DEADLINE_MS;
  while (!isReady) {
    const code = exitCode();
    if (code !== null) throw new Error(`The worker exited with code ${code}.`);
    if (Date.now() > deadline) throw new Error('The worker did not become ready within 60 s.');
    await sleep(100);
  }
}

import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';

export type EdgeProcessOptions = {
  repoRoot: string;
  host: string;
  port: number;
  /** Where the edge reaches Postgres: the embedded cluster's URL, or DATABASE_URL. */
  databaseUrl: string;
  /** The 32-byte master key, handed to this one child only (never to Postgres or the shell). */
  masterKey: Buffer;
  /** The control plane's public URL: the `iss` of every bundle. */
  issuer: string;
  /**
   * V8 flags for the edge's Node (PARAPET_EDGE_V8_FLAGS). By default a slow-growing old
   * generation (20% per step) and 8 MB semi-spaces: holding 10,000 long-polls the edge measured
   * 267 MB instead of 424 MB with V8's defaults, at full speed (`--optimize-for-size`, the
   * previous default, kept memory as low but cost a tenth of the 304s; 2 MB semi-spaces cost a
   * third of ingestion's events per second; see apps/edge/README.md, "Measured").
   */
  v8Flags?: readonly string[];
};

/** The V8 flags the edge runs with unless PARAPET_EDGE_V8_FLAGS says otherwise. */
export const defaultEdgeV8Flags = ['--max-semi-space-size=8', '--heap-growing-percent=20'] as const;

export type EdgeProcess = { url: string; stop: () => Promise<void> };

const READY_DEADLINE_MS = 60_000;
const RESTART_DELAY_MS = 1_000;

/**
 * Runs the edge API (apps/edge) as its own process beside the console, as `pnpm start`'s one
 * command promises: its own event loop, so a flood of endpoint long-polls never slows the
 * console, and its own crash domain, so it is restarted when it dies rather than taking the
 * console down. Resolves once the edge answers /readyz; its output is prefixed with `[edge]`.
 */
export async function startEdgeProcess(options: EdgeProcessOptions): Promise<EdgeProcess> {
  // The edge runs as the bundle `turbo run build` makes (apps/edge/scripts/build.mjs), on plain
  // Node. Without it there is no other copy to fall back on: running the sources instead would
  // hide a missing build and serve code nobody built.
  const entry = join(options.repoRoot, 'apps/edge/dist/edge.mjs');
  if (!existsSync(entry)) {
    throw new Error(
      `The edge API is not built (${entry} is missing): run \`pnpm exec turbo run build --filter=@parapet/edge\`, or start with \`pnpm start\`, which builds it.`,
    );
  }
  const urlHost = options.host.includes(':') ? `[${options.host}]` : options.host;
  const url = `http://${urlHost}:${options.port}`;
  let child: ChildProcess | undefined;
  let stopping = false;
  // Restarts only after a first successful start: an edge that cannot start at all (a port in
  // use, a bad setting) fails `pnpm start` with its reason instead of looping.
  let readyOnce = false;

  const launch = (): ChildProcess => {
    const started = spawn(
      process.execPath,
      ['--enable-source-maps', ...(options.v8Flags ?? defaultEdgeV8Flags), entry],
      {
        cwd: join(options.repoRoot, 'apps/edge'),
        env: {
          ...process.env,
          DATABASE_URL: options.databaseUrl,
          PARAPET_MASTER_KEY: options.masterKey.toString('base64'),
          PARAPET_PUBLIC_URL: options.issuer,
          PARAPET_EDGE_HOST: options.host,
          PARAPET_EDGE_PORT: String(options.port),
        },
        // The IPC channel is how the edge learns its parent is gone: it closes when this process
        // dies, however it dies (SIGKILL included), and the edge then stops by itself instead of
        // living on as an orphan holding the port (apps/edge/src/main.ts).
        stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      },
    );
    // The channel is only a liveness signal: it must not keep the console running.
    started.channel?.unref();
    for (const stream of [started.stdout, started.stderr]) {
      if (!stream) continue;
      const lines = createInterface({ input: stream });
      lines.on('line', (line) => console.log(`[edge] ${line}`));
    }
    started.on('exit', (code, signal) => {
      if (stopping || !readyOnce) return;
      console.error(
        `[edge] exited unexpectedly (${signal ?? `code ${code}`}); restarting in ${RESTART_DELAY_MS / 1000} s`,
      );
      setTimeout(() => {
        if (!stopping) child = launch();
      }, RESTART_DELAY_MS).unref();
    });
    return started;
  };

  child = launch();
  const stop = async (): Promise<void> => {
    stopping = true;
    const running = child;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()));
    running.kill('SIGTERM');
    const killed = sleep(10_000).then(() => running.kill('SIGKILL'));
    await Promise.race([exited, killed]);
  };

  try {
    await waitUntilReady(`${url}/readyz`, () => child?.exitCode ?? null);
    readyOnce = true;
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, stop };
}

async function waitUntilReady(readyUrl: string, exitCode: () => number | null): Promise<void> {
  const deadline = Date.now() + READY_DEADLINE_MS;
  let lastProblem = 'no answer yet';
  while (Date.now() < deadline) {
    const code = exitCode();
    if (code !== null) throw new Error(`The edge API exited with code ${code}.`);
    try {
      const response = await fetch(readyUrl, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
      lastProblem = `/readyz answered ${response.status}`;
    } catch (error) {
      lastProblem = error instanceof Error ? error.message : String(error);
    }
    await sleep(200);
  }
  throw new Error(`The edge API did not become ready at ${readyUrl} (${lastProblem}).`);
}

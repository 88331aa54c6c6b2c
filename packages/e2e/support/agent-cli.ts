import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

const repoRoot = resolve(import.meta.dirname, '../../..');
const bin = join(repoRoot, 'apps/agent/bin/parapet-agent.mjs');

export type AgentRun = { code: number | null; stdout: string; stderr: string };

/** The edge `pnpm start` runs beside the console in this test run (set by the global setup). */
export function edgeUrl(): string {
  const url = process.env.PARAPET_E2E_EDGE_URL;
  if (!url)
    throw new Error('PARAPET_E2E_EDGE_URL is not set: run the specs through playwright.config.ts.');
  return url;
}

/** Waits until the edge answers /readyz: the console is up before the edge it starts. */
export async function waitForEdge(): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${edgeUrl()}/readyz`)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((done) => setTimeout(done, 200));
  }
  throw new Error(`The edge at ${edgeUrl()} did not become ready.`);
}

/**
 * One laptop's parapet-agent: the real CLI (`bin/parapet-agent.mjs`, as `pnpm exec
 * parapet-agent` runs it), with a state folder of its own that `remove` deletes.
 */
export function createAgent() {
  const state = mkdtempSync(join(tmpdir(), 'parapet-e2e-agent-'));
  const run = (args: string[]): Promise<AgentRun> =>
    new Promise((done, fail) => {
      const child = spawn(process.execPath, [bin, ...args, '--state', state], {
        cwd: repoRoot,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
      });
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
      });
      child.once('error', fail);
      child.once('exit', (code) => done({ code, stdout, stderr }));
    });

  /** `pull --watch`, its JSON lines collected as they come. */
  const watch = (): AgentWatch => {
    const child = spawn(process.execPath, [bin, 'pull', '--watch', '--state', state], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const events: { at: number; event: Record<string, unknown> }[] = [];
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    if (child.stdout) {
      createInterface({ input: child.stdout }).on('line', (line) => {
        try {
          events.push({ at: Date.now(), event: JSON.parse(line) as Record<string, unknown> });
        } catch {
          // A line that is not JSON is for people; the events are JSON.
        }
      });
    }
    const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
    return {
      child,
      events,
      exited,
      stderr: () => stderr,
      stop: async () => {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
        await exited;
      },
    };
  };

  return {
    state,
    run,
    watch,
    decide: async (request: unknown) => {
      const result = await run(['decide', JSON.stringify(request)]);
      if (result.code !== 0) throw new Error(`decide failed (${result.code}): ${result.stderr}`);
      return JSON.parse(result.stdout) as { decision: string; ver?: number } & Record<
        string,
        unknown
      >;
    },
    remove: () => rmSync(state, { recursive: true, force: true }),
  };
}

export type AgentWatch = {
  child: ChildProcess;
  events: { at: number; event: Record<string, unknown> }[];
  exited: Promise<number | null>;
  stderr: () => string;
  stop: () => Promise<void>;
};

import { type ChildProcess, spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const bin = join(dirname(fileURLToPath(import.meta.url)), '../../bin/parapet-agent.mjs');

export interface SpawnedAgent {
  readonly child: ChildProcess;
  readonly done: Promise<{
    code: number | null;
    signal: string | null;
    stdout: string;
    stderr: string;
  }>;
}

/** The installed command as a script runs it: the real bin, real pipes, a real exit status. */
export function spawnAgent(
  args: readonly string[],
  options: {
    stdin?: string;
    /** Leave stdin open for the test to write to (`child.stdin`). */
    keepStdinOpen?: boolean;
    env?: NodeJS.ProcessEnv;
    onStdout?: (text: string) => void;
    onStderr?: (text: string) => void;
  } = {},
): SpawnedAgent {
  const child = spawn(process.execPath, [bin, ...args], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, ...options.env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (text: string) => {
    stdout += text;
    options.onStdout?.(text);
  });
  child.stderr?.setEncoding('utf8').on('data', (text: string) => {
    stderr += text;
    options.onStderr?.(text);
  });
  child.stdin?.on('error', () => undefined);
  if (options.keepStdinOpen !== true) child.stdin?.end(options.stdin ?? '');
  const done = new Promise<{
    code: number | null;
    signal: string | null;
    stdout: string;
    stderr: string;
  }>((resolve) => {
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { child, done };
}

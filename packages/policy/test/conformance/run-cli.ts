import { spawn } from 'node:child_process';

export interface CliResult {
  exitCode: number | null;
  stdout: string;
  stderr: string;
}

// Runs the real `parapet-policy` bin with the current Node, exactly as a person would.
export function runCli({
  cliPath,
  args,
  cwd,
}: {
  cliPath: string;
  args: readonly string[];
  cwd: string;
}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliPath, ...args], {
      cwd,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', reject);
    child.on('close', (exitCode) =>
      resolve({
        exitCode,
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
      }),
    );
  });
}

// Each CLI run pays for a Node start and the tsx loader, so runs go in parallel, but no more
// at once than the machine has cores to spare, to keep the rest of the test run responsive.
export function createLimiter({ concurrency }: { concurrency: number }) {
  let active = 0;
  const waiting: Array<() => void> = [];
  // A finishing task hands its slot straight to the next waiter, so the count never overshoots.
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else active -= 1;
  };
  return async function limit<T>(task: () => Promise<T>): Promise<T> {
    if (active >= concurrency) await new Promise<void>((wake) => waiting.push(wake));
    else active += 1;
    try {
      return await task();
    } finally {
      release();
    }
  };
}

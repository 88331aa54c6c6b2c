import { type ChildProcess, spawn } from 'node:child_process';

export type ConsoleServer = { stop: () => Promise<void> };

/**
 * Starts the console the way `pnpm start` does (`serve`: embedded Postgres, migrations, then
 * Next.js), in a process group of its own so that stopping it reaches every process it spawned,
 * and waits until it answers. Its output goes to ours, or to `logFd` (an open file) when given.
 */
export async function startConsoleServer({
  repoRoot,
  baseURL,
  env,
  logFd,
}: {
  repoRoot: string;
  baseURL: string;
  env: NodeJS.ProcessEnv;
  logFd?: number;
}): Promise<ConsoleServer> {
  // `--reporter=silent` keeps pnpm's own lines (and its complaint that the script ended on a
  // signal) out of the test output; the console's output still comes through.
  const output = logFd ?? 'inherit';
  const server = spawn(
    'pnpm',
    ['--reporter=silent', '--filter', '@parapet/console', 'run', 'serve'],
    { cwd: repoRoot, env, stdio: ['ignore', output, output], detached: true },
  );
  const stop = () => stopServer(server);
  try {
    await waitUntilReady({ server, url: `${baseURL}/sign-in` });
  } catch (error) {
    await stop();
    throw error;
  }
  return { stop };
}

async function waitUntilReady(options: { server: ChildProcess; url: string }): Promise<void> {
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (options.server.exitCode !== null) {
      throw new Error(
        `The console exited with code ${options.server.exitCode} before it was ready.`,
      );
    }
    try {
      const response = await fetch(options.url, { redirect: 'manual' });
      if (response.status < 500) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((done) => setTimeout(done, 500));
  }
  throw new Error(`The console did not answer on ${options.url} within three minutes.`);
}

/**
 * Stops the console like Ctrl-C in a terminal: SIGINT to its whole process group. The serve
 * script then stops Next.js and shuts Postgres down cleanly. Whatever is still running 20
 * seconds later is killed, so a run never leaves a server or a database behind.
 */
async function stopServer(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null || server.signalCode !== null || server.pid === undefined) return;
  const exited = new Promise<void>((done) => server.once('exit', () => done()));
  signalGroup(server.pid, 'SIGINT');
  const timeout = new Promise<'timeout'>((done) => setTimeout(() => done('timeout'), 20_000));
  if ((await Promise.race([exited, timeout])) === 'timeout') {
    process.stderr.write('The console did not stop within 20 seconds; killing it.\n');
  }
  // Processes of the group that outlived the pnpm process (none, when all went well).
  signalGroup(server.pid, 'SIGKILL');
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch (error) {
    // ESRCH: the group is already gone.
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

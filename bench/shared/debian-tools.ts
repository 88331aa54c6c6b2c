import { spawnSync } from 'node:child_process';

/**
 * Makes sure Debian packages a benchmark compares against are installed (nginx, wrk): as root it
 * installs what is missing with apt-get (Debian's repositories are reachable here); otherwise it
 * says what to install and stops.
 */
export function ensureDebianTools(tools: { command: string; debianPackage: string }[]): void {
  const missing = tools.filter(({ command }) => !hasCommand(command));
  if (missing.length === 0) return;
  const packages = missing.map((tool) => tool.debianPackage);
  if (process.getuid?.() !== 0) {
    throw new Error(
      `Install ${packages.join(' ')} first: sudo apt-get install -y ${packages.join(' ')}`,
    );
  }
  process.stderr.write(`installing ${packages.join(', ')} (apt-get)…\n`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  const installed = spawnSync('apt-get', ['install', '-y', '-qq', ...packages], {
    stdio: 'inherit',
    env,
  });
  if (installed.status !== 0) throw new Error(`apt-get install ${packages.join(' ')} failed.`);
}

function hasCommand(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

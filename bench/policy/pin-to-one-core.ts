import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const PINNED = 'PARAPET_BENCH_PINNED';

// The figures must be single-core. On Linux with `taskset` available, the benchmark re-runs
// itself pinned to one CPU (PARAPET_BENCH_CPU, default 0), so Node's helper threads (GC,
// compilation) share that core too. PARAPET_BENCH_NO_PIN=1 skips this. Returns only in the
// process that should do the work.
export function pinToOneCore(): void {
  if (process.env[PINNED] || process.env.PARAPET_BENCH_NO_PIN === '1') return;
  if (process.platform !== 'linux') return;
  const probe = spawnSync('taskset', ['--version'], { stdio: 'ignore' });
  if (probe.error || probe.status !== 0) return;
  const cpu = process.env.PARAPET_BENCH_CPU ?? '0';
  const child = spawnSync(
    'taskset',
    ['-c', cpu, process.execPath, ...process.execArgv, ...process.argv.slice(1)],
    { stdio: 'inherit', env: { ...process.env, [PINNED]: cpu } },
  );
  process.exit(child.status ?? 1);
}

// What the process is actually allowed to run on, as the kernel reports it.
export function describeAffinity(): string {
  if (process.platform !== 'linux') return 'not pinned (affinity unknown on this platform)';
  try {
    const status = readFileSync('/proc/self/status', 'utf8');
    const cpus = /Cpus_allowed_list:\s*(\S+)/.exec(status)?.[1] ?? '?';
    const how = process.env[PINNED] ? 'taskset' : 'not pinned';
    return `CPU ${cpus} (${how})`;
  } catch {
    return 'affinity unknown';
  }
}

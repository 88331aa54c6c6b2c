import { readdirSync, readFileSync } from 'node:fs';

// CPU time of processes from Linux's /proc, for benches that share two CPUs between their
// client, a server and Postgres: seconds used per event hold still when a noisy machine moves
// the rates. Elsewhere (no /proc) every reading is null.

/** Linux reports /proc times in USER_HZ, 100 per second on every architecture Node runs on. */
const ticksPerSecond = 100;

type Stat = { ppid: number; own: number; children: number };

function readStat(pid: number): Stat | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // After the command in parentheses: state, ppid, … utime (14th field), stime, cutime, cstime.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    const tick = (index: number) => Number(fields[index]);
    return {
      ppid: tick(1),
      own: (tick(11) + tick(12)) / ticksPerSecond,
      children: (tick(13) + tick(14)) / ticksPerSecond,
    };
  } catch {
    return null;
  }
}

/** User plus system seconds `pid` has used, or null when it cannot be read. */
export function processCpuSeconds(pid: number): number | null {
  return readStat(pid)?.own ?? null;
}

/**
 * User plus system seconds used by the Postgres serving `dataDir`: the postmaster, every live
 * child (backends, io workers, WAL writer, checkpointer), and children that already exited and
 * were reaped. Null when no such postmaster is found.
 */
export function postgresCpuSeconds(dataDir: string): number | null {
  let pids: number[];
  try {
    pids = readdirSync('/proc')
      .filter((name) => /^\d+$/.test(name))
      .map(Number);
  } catch {
    return null;
  }
  const postmaster = pids.find((pid) => {
    try {
      const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      return args.some((arg, i) => arg === '-D' && args[i + 1]?.startsWith(dataDir));
    } catch {
      return false;
    }
  });
  const main = postmaster === undefined ? null : readStat(postmaster);
  if (postmaster === undefined || main === null) return null;
  let seconds = main.own + main.children;
  for (const pid of pids) {
    const stat = readStat(pid);
    if (stat?.ppid === postmaster) seconds += stat.own;
  }
  return seconds;
}

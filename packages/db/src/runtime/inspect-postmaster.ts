import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';

export type PostmasterState =
  | { kind: 'none' }
  /** A postmaster.pid whose process is gone or is not a Postgres for this cluster. */
  | { kind: 'stale'; pid: number }
  /** A live Postgres serving this cluster, with the process that started it. */
  | { kind: 'running'; pid: number; parentPid: number | undefined };

/**
 * Looks at `postmaster.pid` to tell a cluster that is running from one left behind by a crash.
 * Postgres itself only ignores the file when its PID is dead; after a reboot or in a container
 * the PID is often reused by an unrelated process, and Postgres would then refuse to start.
 */
export async function inspectPostmaster({
  clusterDir,
}: {
  clusterDir: string;
}): Promise<PostmasterState> {
  const pidFile = await readFile(join(clusterDir, 'postmaster.pid'), 'utf8').catch(() => undefined);
  if (pidFile === undefined) return { kind: 'none' };
  const pid = Number.parseInt(pidFile.split('\n')[0] ?? '', 10);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return { kind: 'stale', pid };
  const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => undefined);
  // Without /proc (macOS) a live PID is taken at its word; Postgres will refuse if it is not.
  if (cmdline === undefined) return { kind: 'running', pid, parentPid: undefined };
  if (!cmdline.includes('postgres') || !cmdline.includes(clusterDir)) return { kind: 'stale', pid };
  return { kind: 'running', pid, parentPid: await readParentPid({ pid }) };
}

export async function removeStalePidFile({ clusterDir }: { clusterDir: string }): Promise<void> {
  await rm(join(clusterDir, 'postmaster.pid'), { force: true });
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readParentPid({ pid }: { pid: number }): Promise<number | undefined> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
  // The command name (field 2) may contain spaces, so fields are counted after its ')'.
  const fields = stat?.slice(stat.lastIndexOf(')') + 2).split(' ');
  const parentPid = Number.parseInt(fields?.[1] ?? '', 10);
  return Number.isInteger(parentPid) ? parentPid : undefined;
}

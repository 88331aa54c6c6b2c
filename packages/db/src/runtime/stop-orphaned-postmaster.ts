import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { DbError } from '../db-error';
import { inspectPostmaster, isAlive, removeStalePidFile } from './inspect-postmaster';

/**
 * Prepares a cluster folder for a fresh start after whatever happened before:
 * - a stale postmaster.pid (its PID dead or reused by another program) is removed;
 * - a Postgres still running for this folder whose owning Node process is gone (it was killed
 *   before it could stop Postgres) is shut down cleanly, so it can be started again by us;
 * - a Postgres still owned by a live process is left alone, with a clear error.
 */
export async function stopOrphanedPostmaster({
  clusterDir,
  timeoutMs = 30_000,
}: {
  clusterDir: string;
  timeoutMs?: number;
}): Promise<void> {
  const state = await inspectPostmaster({ clusterDir });
  if (state.kind === 'none') return;
  if (state.kind === 'stale') {
    await removeStalePidFile({ clusterDir });
    return;
  }
  const ownerPid = await readOwnerPid({ clusterDir });
  if (ownerPid !== undefined && state.parentPid === ownerPid && isAlive(ownerPid)) {
    throw new DbError(
      'EMBEDDED_IN_USE',
      `The embedded database in ${clusterDir} is already running for process ${ownerPid}. Stop that process first, or point DATABASE_URL at a server.`,
    );
  }
  // SIGINT is Postgres's "fast shutdown": it rolls back open transactions and exits cleanly.
  process.kill(state.pid, 'SIGINT');
  const deadline = Date.now() + timeoutMs;
  while (isAlive(state.pid)) {
    if (Date.now() > deadline) {
      throw new DbError(
        'EMBEDDED_IN_USE',
        `An orphaned PostgreSQL (PID ${state.pid}) for ${clusterDir} did not shut down within ${timeoutMs} ms.`,
      );
    }
    await sleep(50);
  }
}

async function readOwnerPid({ clusterDir }: { clusterDir: string }): Promise<number | undefined> {
  const text = await readFile(`${clusterDir}.owner`, 'utf8').catch(() => undefined);
  const pid = Number.parseInt(text ?? '', 10);
  return Number.isInteger(pid) ? pid : undefined;
}

import { readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isAlive } from './inspect-postmaster';
import { TEMPORARY_CLUSTER_PREFIX } from './start-temporary-postgres';
import { stopOrphanedPostmaster } from './stop-orphaned-postmaster';

const GRACE_MS = 10 * 60_000;

/**
 * Removes temporary clusters left behind by test runs that were killed before their teardown
 * (a Postgres still running for a dead owner is shut down first). Clusters whose owner is alive,
 * and fresh folders that may be initialising right now, are left alone.
 */
export async function sweepTemporaryClusters(): Promise<number> {
  const root = tmpdir();
  const names = (await readdir(root).catch(() => [])).filter((name) =>
    name.startsWith(TEMPORARY_CLUSTER_PREFIX),
  );
  let removed = 0;
  for (const name of names) {
    const dataDir = join(root, name);
    const clusterDir = join(dataDir, 'pg');
    const owner = Number.parseInt(
      await readFile(`${clusterDir}.owner`, 'utf8').catch(() => ''),
      10,
    );
    if (Number.isInteger(owner) && isAlive(owner)) continue;
    const age = Date.now() - (await stat(dataDir)).mtimeMs;
    if (!Number.isInteger(owner) && age < GRACE_MS) continue;
    try {
      await stopOrphanedPostmaster({ clusterDir });
      await rm(dataDir, { recursive: true, force: true });
      removed += 1;
    } catch {
      // A cluster that cannot be stopped is someone else's business; it is retried next run.
    }
  }
  return removed;
}

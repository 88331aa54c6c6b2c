import { access, readdir, readFile, rm, rmdir, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { DbError } from '../db-error';
import { isAlive } from './inspect-postmaster';

/** Written into a cluster folder once initdb has finished: "Parapet created this, completely". */
export const CLUSTER_MARKER = 'parapet-cluster';
/** Written into a staging folder first thing, with the PID of the process initialising. */
export const STAGING_MARKER = 'parapet-staging';

export type ClusterState =
  /** No folder, or an empty one: free to initialise. */
  | 'absent'
  /** Marked by Parapet. */
  | 'parapet'
  /** A complete PostgreSQL cluster without the marker (initialised before markers existed). */
  | 'unmarked-cluster'
  /** Anything else: not Parapet's, never touched. */
  | 'foreign';

export async function readClusterState({
  clusterDir,
}: {
  clusterDir: string;
}): Promise<ClusterState> {
  const entries = await readdir(clusterDir).catch(() => undefined);
  if (entries === undefined || entries.length === 0) return 'absent';
  if (entries.includes(CLUSTER_MARKER)) return 'parapet';
  const complete = await Promise.all(
    ['PG_VERSION', 'global/pg_control'].map((path) => exists(join(clusterDir, path))),
  );
  return complete.every(Boolean) ? 'unmarked-cluster' : 'foreign';
}

export async function markCluster({ clusterDir }: { clusterDir: string }): Promise<void> {
  await writeFile(
    join(clusterDir, CLUSTER_MARKER),
    'This PostgreSQL cluster was created by Parapet for its embedded database.\n',
    { mode: 0o600 },
  );
}

/** Refuses a non-empty cluster folder that Parapet did not create; it is never touched. */
export function foreignClusterError({ clusterDir }: { clusterDir: string }): DbError {
  return new DbError(
    'EMBEDDED_DATA_FOREIGN',
    `${clusterDir} is not empty and was not created by Parapet (it has no ${CLUSTER_MARKER} file). Parapet neither uses nor deletes folders it did not create: set PARAPET_DATA_DIR to another folder, or move ${clusterDir} away.`,
  );
}

/** The staging folders for `clusterDir` are its siblings `<name>.init-<random>`. */
export function stagingPrefix({ clusterDir }: { clusterDir: string }): string {
  return `${clusterDir}.init-`;
}

/**
 * Removes staging folders left by initialisations that were killed: only those carrying the
 * staging marker, and only when the process that wrote it is gone (a concurrent first start may
 * be initialising right now). An empty look-alike is removed with `rmdir`, which cannot delete
 * anything; any other look-alike is left alone.
 */
export async function sweepStaleStaging({ clusterDir }: { clusterDir: string }): Promise<void> {
  const parent = dirname(clusterDir);
  const prefix = basename(stagingPrefix({ clusterDir }));
  for (const name of await readdir(parent).catch(() => [])) {
    if (!name.startsWith(prefix)) continue;
    const staging = join(parent, name);
    const marker = await readFile(join(staging, STAGING_MARKER), 'utf8').catch(() => undefined);
    if (marker === undefined) {
      await rmdir(staging).catch(() => undefined);
      continue;
    }
    const pid = Number.parseInt(marker, 10);
    if (Number.isInteger(pid) && isAlive(pid)) continue;
    await rm(staging, { recursive: true, force: true });
  }
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

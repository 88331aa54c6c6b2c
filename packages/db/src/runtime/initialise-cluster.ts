import { chmod, chown, mkdir, mkdtemp, open, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { markCluster, STAGING_MARKER, stagingPrefix } from './cluster-markers';
import type { PostgresUser } from './ensure-postgres-user';
import { runInitdb } from './run-initdb';

export type InitialiseClusterOptions = {
  initdb: string;
  clusterDir: string;
  password: string;
  durable: boolean;
  user: PostgresUser | undefined;
  onLog: (line: string) => void;
};

/**
 * Creates a cluster at `clusterDir` so that it either exists complete or not at all: initdb runs
 * in a staging folder beside it (`<clusterDir>.init-<random>`), the finished cluster is marked as
 * Parapet's and renamed into place. A start killed half-way leaves only the staging folder, which
 * the next start removes (see `sweepStaleStaging`). Returns false when another process won a
 * concurrent first start; its cluster is then used.
 */
export async function initialiseCluster(options: InitialiseClusterOptions): Promise<boolean> {
  const { clusterDir } = options;
  const parent = dirname(clusterDir);
  const staging = await mkdtemp(stagingPrefix({ clusterDir }));
  try {
    await writeFile(join(staging, STAGING_MARKER), `${process.pid}\n`, { mode: 0o600 });
    const stagedCluster = await initialiseInStaging({ ...options, staging });
    await markCluster({ clusterDir: stagedCluster });
    const placed = await rename(stagedCluster, clusterDir).then(
      () => true,
      (error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOTEMPTY' || error.code === 'EEXIST') return false;
        throw error;
      },
    );
    // The rename is what makes the cluster exist; on the real data, make it survive a power cut.
    if (placed && options.durable) await syncFolder(parent);
    return placed;
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

async function initialiseInStaging({
  initdb,
  staging,
  password,
  durable,
  user,
  onLog,
}: InitialiseClusterOptions & { staging: string }): Promise<string> {
  const cluster = join(staging, 'cluster');
  const passwordFile = join(staging, 'pwfile');
  await writeFile(passwordFile, `${password}\n`, { mode: 0o600, flag: 'wx' });
  await mkdir(cluster, { mode: 0o700 });
  if (user) {
    // initdb runs as the `postgres` user: it must reach its folder and read the password file,
    // and nobody else may list the staging folder or read that file.
    await chmod(staging, 0o711);
    await chown(passwordFile, user.uid, user.gid);
    await chown(cluster, user.uid, user.gid);
  }
  try {
    await runInitdb({ initdb, clusterDir: cluster, passwordFile, durable, user, onLog });
  } finally {
    await rm(passwordFile, { force: true });
  }
  return cluster;
}

async function syncFolder(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

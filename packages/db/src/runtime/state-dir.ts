import { createHash } from 'node:crypto';
import { chmod, lstat, mkdir, realpath, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { DbError } from '../db-error';

/**
 * Where Parapet keeps, when it runs as root, what the `postgres` OS user must reach but the
 * checkout cannot offer (`PARAPET_STATE_DIR` overrides it): the system's state directory.
 */
export const DEFAULT_STATE_DIR = '/var/lib/parapet';

/**
 * Creates `path` (and its missing parents) 0711 and checks that it is a real folder owned by
 * root that nobody else may write to. As root, Postgres runs as the `postgres` user, which must
 * reach its binaries and its cluster; a checkout in a folder only root may enter (`mktemp -d`,
 * `/root`) offers neither, and Parapet never re-permissions folders it did not create, so what
 * Postgres needs goes under folders made here. A folder someone else could write to would let
 * them swap the binaries Postgres runs or the cluster it opens, so it is refused.
 */
export async function ensureRootOwnedFolder(path: string): Promise<string> {
  const folder = resolve(path);
  try {
    const firstCreated = await mkdir(folder, { recursive: true, mode: 0o711 });
    // The mode given to mkdir is narrowed by the umask; the folders made here get 0711 exactly.
    if (firstCreated !== undefined) {
      for (let dir = folder; ; dir = dirname(dir)) {
        await chmod(dir, 0o711);
        if (dir === resolve(firstCreated) || dir === dirname(dir)) break;
      }
    }
  } catch (error) {
    throw new DbError(
      'EMBEDDED_START_FAILED',
      `Could not create ${folder} for the embedded PostgreSQL (${error instanceof Error ? error.message : String(error)}). Set PARAPET_STATE_DIR to a folder root may create.`,
      { cause: error },
    );
  }
  const stats = await lstat(folder);
  if (!stats.isDirectory() || stats.uid !== 0 || (stats.mode & 0o022) !== 0) {
    throw new DbError(
      'EMBEDDED_START_FAILED',
      `${folder} must be a folder owned by root that only root may write to: PostgreSQL's binaries and data are kept there when Parapet runs as root. Remove it, or set PARAPET_STATE_DIR to another folder.`,
    );
  }
  return folder;
}

/**
 * The cluster folder for a data folder the `postgres` user cannot reach:
 * `<stateDir>/clusters/<key>/pg`, keyed by the data folder's real path so each checkout (and
 * each PARAPET_DATA_DIR) keeps its own cluster and finds it again on the next start. A
 * `data-dir` file beside it names the data folder it belongs to, for whoever looks.
 */
export async function relocatedClusterDir({
  dataDir,
  stateDir,
}: {
  dataDir: string;
  stateDir: string;
}): Promise<string> {
  const realDataDir = await realpath(dataDir);
  const key = createHash('sha256').update(realDataDir).digest('hex').slice(0, 16);
  await ensureRootOwnedFolder(stateDir);
  await ensureRootOwnedFolder(join(stateDir, 'clusters'));
  const home = await ensureRootOwnedFolder(join(stateDir, 'clusters', key));
  await writeFile(join(home, 'data-dir'), `${realDataDir}\n`, { mode: 0o644 });
  return join(home, 'pg');
}

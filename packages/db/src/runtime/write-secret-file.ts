import { chmod, readFile, stat, writeFile } from 'node:fs/promises';

/**
 * Returns the secret stored at `path`, creating it with `create()` the first time. The file is
 * written with mode 0600 and exclusively (`wx`), so two processes starting at once cannot end up
 * with different secrets: the loser of the race reads the winner's file.
 */
export async function readOrCreateSecretFile({
  path,
  create,
}: {
  path: string;
  create: () => string;
}): Promise<{ value: string; created: boolean }> {
  const existing = await readSecretFile({ path });
  if (existing !== undefined) return { value: existing, created: false };
  try {
    await writeFile(path, `${create()}\n`, { mode: 0o600, flag: 'wx' });
    return { value: (await readSecretFile({ path })) ?? '', created: true };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return { value: (await readSecretFile({ path })) ?? '', created: false };
  }
}

/** Reads a secret file, tightening its mode to 0600 if someone loosened it. */
export async function readSecretFile({ path }: { path: string }): Promise<string | undefined> {
  try {
    const value = (await readFile(path, 'utf8')).trim();
    const { mode } = await stat(path);
    if ((mode & 0o077) !== 0) await chmod(path, 0o600);
    return value;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

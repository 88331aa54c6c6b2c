import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Files in the state folder are private to the agent's user: the device key is one of them. */
export const FILE_MODE = 0o600;
export const DIRECTORY_MODE = 0o700;

export async function syncDirectory(directory: string): Promise<void> {
  // A rename is durable only once its directory is flushed. Windows cannot open a directory
  // for fsync, and there rename is already the strongest guarantee on offer.
  if (process.platform === 'win32') return;
  const handle = await open(directory, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Replaces `path` with `content` so a reader sees the old bytes or the new, never a mix, even
 * across a crash: write a temporary file beside it (same filesystem), flush it, rename it over
 * the target, flush the directory. The temporary file is created with the final mode, so the
 * content is never readable by others, not even briefly.
 */
export async function writeFileAtomic(
  path: string,
  content: string | Uint8Array,
  mode: number = FILE_MODE,
): Promise<void> {
  const directory = dirname(path);
  const temporary = join(directory, `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temporary, 'wx', mode);
  try {
    try {
      await handle.writeFile(content);
      // The umask can narrow the mode given to open; set it exactly.
      await handle.chmod(mode);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  await syncDirectory(directory);
}

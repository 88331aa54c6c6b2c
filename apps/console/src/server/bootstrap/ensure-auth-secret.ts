import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export type AuthSecret = { value: string; source: 'env' | 'file' | 'generated' };

/**
 * The secret Auth.js signs its cookies with. AUTH_SECRET wins when set. On the embedded default
 * it is generated once into `<dataDir>/auth.secret` (mode 0600) and reused, so sessions survive
 * restarts; an existing file that someone made readable to others is tightened back to 0600
 * (as @parapet/db does with its own secret files). With an external database it must be given,
 * because every replica needs the same.
 */
export async function ensureAuthSecret({
  fromEnv,
  dataDir,
  embedded,
}: {
  fromEnv: string | undefined;
  dataDir: string;
  embedded: boolean;
}): Promise<AuthSecret> {
  if (fromEnv) return { value: fromEnv, source: 'env' };
  if (!embedded) {
    throw new Error(
      'AUTH_SECRET is required when DATABASE_URL is set: at least 32 random characters (for example `openssl rand -base64 32`).',
    );
  }
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const path = join(dataDir, 'auth.secret');
  const existing = await readFile(path, 'utf8').then(
    (text) => text.trim(),
    () => undefined,
  );
  if (existing && existing.length >= 32) {
    await tightenMode(path);
    return { value: existing, source: 'file' };
  }
  const value = randomBytes(32).toString('base64url');
  // `wx` refuses to overwrite: if another process created the file meanwhile, use theirs.
  try {
    await writeFile(path, `${value}\n`, { mode: 0o600, flag: existing === undefined ? 'wx' : 'w' });
  } catch {
    const raced = (await readFile(path, 'utf8')).trim();
    await tightenMode(path);
    return { value: raced, source: 'file' };
  }
  await chmod(path, 0o600);
  return { value, source: 'generated' };
}

async function tightenMode(path: string): Promise<void> {
  const { mode } = await stat(path);
  if ((mode & 0o077) !== 0) await chmod(path, 0o600);
}

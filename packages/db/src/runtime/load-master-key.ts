import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { DbError } from '../db-error';
import { parseDbEnv } from '../env';
import { readOrCreateSecretFile } from './write-secret-file';

export type LoadMasterKeyOptions = {
  dataDir: string;
  /** Whether the database is the embedded default (`startDatabase(...).embedded`). */
  embedded: boolean;
};

export type MasterKey = {
  /** The 32 raw key bytes, for AES-256-GCM. */
  key: Buffer;
  source: 'env' | 'generated' | 'file';
};

const MASTER_KEY_BYTES = 32;

/**
 * The master key for secrets at rest. `PARAPET_MASTER_KEY` (32 bytes, base64 or hex) wins when
 * set. On the embedded default only, a key is generated into `<dataDir>/master.key` (0600) and
 * reused; with a real DATABASE_URL a missing key is an error, because a key generated on one host
 * would leave data unreadable on every other replica.
 */
export async function loadMasterKey({
  dataDir,
  embedded,
}: LoadMasterKeyOptions): Promise<MasterKey> {
  const { PARAPET_MASTER_KEY: fromEnv } = parseDbEnv();
  if (fromEnv)
    return { key: decodeMasterKey({ text: fromEnv, origin: 'PARAPET_MASTER_KEY' }), source: 'env' };
  if (!embedded) {
    throw new DbError(
      'MASTER_KEY_MISSING',
      'PARAPET_MASTER_KEY is required when DATABASE_URL is set: 32 random bytes, base64 or hex (for example `openssl rand -base64 32`).',
    );
  }
  const root = resolve(dataDir);
  await mkdir(root, { recursive: true, mode: 0o700 });
  const path = join(root, 'master.key');
  const { value, created } = await readOrCreateSecretFile({
    path,
    create: () => randomBytes(MASTER_KEY_BYTES).toString('base64'),
  });
  return {
    key: decodeMasterKey({ text: value, origin: path }),
    source: created ? 'generated' : 'file',
  };
}

/** Accepts exactly 32 bytes written as 64 hex digits or as base64 (standard or URL-safe). */
export function decodeMasterKey({ text, origin }: { text: string; origin: string }): Buffer {
  const trimmed = text.trim();
  let key: Buffer | undefined;
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) key = Buffer.from(trimmed, 'hex');
  else if (/^[A-Za-z0-9+/_-]{43}={0,1}$/.test(trimmed)) key = Buffer.from(trimmed, 'base64');
  if (!key || key.length !== MASTER_KEY_BYTES) {
    throw new DbError(
      'MASTER_KEY_INVALID',
      `${origin} must be 32 bytes written as 64 hex digits or 44 base64 characters (for example \`openssl rand -base64 32\`).`,
    );
  }
  return key;
}

import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { DbError } from '../db-error';
import { parseDbEnv } from '../env';
import { configureMasterKey } from '../master-key/configure-master-key';
import { decodeMasterKey, MASTER_KEY_BYTES } from '../master-key/decode-master-key';
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

/**
 * The master key for secrets at rest. `PARAPET_MASTER_KEY` (32 bytes, base64 or hex) wins when
 * set. On the embedded default only, a key is generated into `<dataDir>/master.key` (0600) and
 * reused; with a real DATABASE_URL a missing key is an error, because a key generated on one host
 * would leave data unreadable on every other replica. The key is also configured in this
 * process (`configureMasterKey`), so the activity chain can be written and verified with it.
 */
export async function loadMasterKey(options: LoadMasterKeyOptions): Promise<MasterKey> {
  const masterKey = await readMasterKey(options);
  configureMasterKey({ key: masterKey.key });
  return masterKey;
}

async function readMasterKey({ dataDir, embedded }: LoadMasterKeyOptions): Promise<MasterKey> {
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

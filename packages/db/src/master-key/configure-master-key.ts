import { DbError } from '../db-error';
import { parseDbEnv } from '../env';
import { decodeMasterKey, MASTER_KEY_BYTES } from './decode-master-key';

// The key lives on globalThis, not in module scope: the console's serve script loads it through
// its own copy of this package, while Next.js compiles a second copy into the server bundle
// (transpilePackages). Both run in one process and must see the same key. It is deliberately
// not put into process.env, which every child process (Postgres included) would inherit.
const MASTER_KEY = Symbol.for('parapet.db.masterKey');
const holder = globalThis as typeof globalThis & { [MASTER_KEY]?: Buffer };

/**
 * Makes the master key available to this process's code that needs it (the activity chain).
 * `loadMasterKey` calls it; so does the test harness, with a fixed test key.
 */
export function configureMasterKey({ key }: { key: Buffer }): void {
  if (key.length !== MASTER_KEY_BYTES) {
    throw new DbError('MASTER_KEY_INVALID', `The master key must be ${MASTER_KEY_BYTES} bytes.`);
  }
  holder[MASTER_KEY] = Buffer.from(key);
}

/** Forgets the configured key (tests of the fail-closed path). */
export function clearConfiguredMasterKey(): void {
  delete holder[MASTER_KEY];
}

/**
 * The master key for `purpose`: the one configured in this process (by `loadMasterKey`), else
 * `PARAPET_MASTER_KEY`. Never a default: without a key, whatever needs it fails.
 */
export function requireMasterKey({ purpose }: { purpose: string }): Buffer {
  const configured = holder[MASTER_KEY];
  if (configured) return configured;
  const { PARAPET_MASTER_KEY: fromEnv } = parseDbEnv();
  if (fromEnv) return decodeMasterKey({ text: fromEnv, origin: 'PARAPET_MASTER_KEY' });
  throw new DbError(
    'MASTER_KEY_MISSING',
    `No master key is loaded in this process, and ${purpose} cannot work without it. Call loadMasterKey() from @parapet/db/runtime at start-up (the console's serve script does), or set PARAPET_MASTER_KEY.`,
  );
}

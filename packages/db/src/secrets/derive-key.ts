import { hkdfSync } from 'node:crypto';
import { requireMasterKey } from '../master-key/configure-master-key';

/**
 * A 32-byte key for one use of the master key: HKDF-SHA-256 of it with `info` naming the use
 * (`parapet device-access-token v1`), so no two uses ever share key bytes. `purpose` says, in
 * the error when no master key is loaded, what cannot work without one.
 */
export function deriveKey({ info, purpose }: { info: string; purpose: string }): Buffer {
  const masterKey = requireMasterKey({ purpose });
  // An empty salt is HKDF's documented choice when the input key is already uniformly random.
  return Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), info, 32));
}

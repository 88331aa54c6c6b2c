import { hkdfSync } from 'node:crypto';
import { requireMasterKey } from '../master-key/configure-master-key';

const CHAIN_KEY_INFO = 'parapet activity-chain v1';

/**
 * The HMAC key of the activity chain: HKDF-SHA-256 of the master key, with its own `info` so no
 * other use of the master key can yield the same bytes. The master key never enters the database,
 * so someone holding only database access cannot compute a valid link. Throws
 * `MASTER_KEY_MISSING` when no key is loaded: entries are never written or checked unkeyed.
 */
export function activityChainKey(): Buffer {
  const masterKey = requireMasterKey({ purpose: 'the activity log (its chain is keyed by it)' });
  // An empty salt is HKDF's documented choice when the input key is already uniformly random.
  return Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), CHAIN_KEY_INFO, 32));
}

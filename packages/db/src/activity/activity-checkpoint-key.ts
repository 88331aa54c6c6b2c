import {
  createHash,
  createPrivateKey,
  createPublicKey,
  hkdfSync,
  type KeyObject,
} from 'node:crypto';
import { requireMasterKey } from '../master-key/configure-master-key';

const CHECKPOINT_KEY_INFO = 'parapet activity-checkpoint ed25519 v1';

// The DER headers that wrap a raw Ed25519 key (RFC 8410): a 32-byte seed as PKCS#8, a 32-byte
// public key as SubjectPublicKeyInfo. Node builds key objects from DER, not from raw bytes.
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_ED25519_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/** The public half of the checkpoint key, in the forms Ed25519 tools take. */
export type ActivityCheckpointPublicKey = {
  algorithm: 'Ed25519';
  /** The first 16 hex digits of the SHA-256 of the raw public key: a name, not a secret. */
  keyId: string;
  /** The raw 32-byte public key, base64 (libsodium, Go's crypto/ed25519, PyNaCl). */
  publicKey: string;
  /** The same key as SubjectPublicKeyInfo PEM (OpenSSL). */
  publicKeyPem: string;
};

export type ActivityCheckpointKey = ActivityCheckpointPublicKey & {
  privateKey: KeyObject;
  publicKeyObject: KeyObject;
};

/**
 * The Ed25519 key that signs activity checkpoints: its 32-byte seed is HKDF-SHA-256 of the master
 * key with its own `info`, so it is neither the master key nor the chain key, and someone with
 * database access alone can neither sign a checkpoint nor move the verified position. Throws
 * `MASTER_KEY_MISSING` when no key is loaded.
 */
export function activityCheckpointKey(): ActivityCheckpointKey {
  const masterKey = requireMasterKey({ purpose: 'activity checkpoints (they are signed with it)' });
  const seed = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), CHECKPOINT_KEY_INFO, 32));
  const privateKey = createPrivateKey({
    key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]),
    format: 'der',
    type: 'pkcs8',
  });
  const publicKeyObject = createPublicKey(privateKey);
  const spki = publicKeyObject.export({ format: 'der', type: 'spki' });
  const raw = spki.subarray(SPKI_ED25519_PREFIX.length);
  return {
    algorithm: 'Ed25519',
    keyId: createHash('sha256').update(raw).digest('hex').slice(0, 16),
    publicKey: raw.toString('base64'),
    publicKeyPem: publicKeyObject.export({ format: 'pem', type: 'spki' }).toString(),
    privateKey,
    publicKeyObject,
  };
}

/** What an auditor needs to check checkpoints with any Ed25519 tool: the public key only. */
export function activityCheckpointPublicKey(): ActivityCheckpointPublicKey {
  const { algorithm, keyId, publicKey, publicKeyPem } = activityCheckpointKey();
  return { algorithm, keyId, publicKey, publicKeyPem };
}

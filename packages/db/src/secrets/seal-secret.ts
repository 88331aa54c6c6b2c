import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { DbError } from '../db-error';
import { deriveKey } from './derive-key';

// Sealed secret, format version 1:
//   byte 0      0x01 (the format version, also bound into the AAD)
//   bytes 1–12  random IV
//   then        AES-256-GCM ciphertext
//   last 16     GCM tag
// The key is HKDF-SHA-256 of the master key with info `parapet secret <purpose> v1`, so a
// signing key and a SIEM token never share an encryption key; the AAD names the purpose and
// the organization, so a sealed value copied into another org's row (or another column) is
// refused instead of decrypted for the wrong owner.
const FORMAT_V1 = 0x01;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const purposePattern = /^[a-z0-9][a-z0-9-]{0,62}$/;

export type SecretContext = {
  /** What the secret is for, e.g. `signing-key`, `siem-token`: lowercase letters, digits and `-`. */
  purpose: string;
  /** The organization that owns the secret. */
  orgId: string;
};

/** Encrypts `plaintext` for `purpose` in `orgId` under the master key. */
export function sealSecret({
  plaintext,
  purpose,
  orgId,
}: SecretContext & { plaintext: Buffer }): Buffer<ArrayBuffer> {
  const key = secretKey(purpose);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(additionalData({ purpose, orgId }));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([Buffer.of(FORMAT_V1), iv, ciphertext, cipher.getAuthTag()]);
}

/**
 * Decrypts what `sealSecret` sealed for the same purpose and organization. Anything else (a
 * changed byte, another org, another purpose, another master key, an unknown format) is
 * refused with `SECRET_UNREADABLE`, never returned half-decrypted.
 */
export function openSecret({
  sealed,
  purpose,
  orgId,
}: SecretContext & { sealed: Uint8Array }): Buffer {
  const bytes = Buffer.from(sealed);
  if (bytes.length < 1 + IV_BYTES + TAG_BYTES || bytes[0] !== FORMAT_V1) throw unreadable(purpose);
  const key = secretKey(purpose);
  const iv = bytes.subarray(1, 1 + IV_BYTES);
  const tag = bytes.subarray(bytes.length - TAG_BYTES);
  const ciphertext = bytes.subarray(1 + IV_BYTES, bytes.length - TAG_BYTES);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(additionalData({ purpose, orgId }));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
  } catch (error) {
    throw unreadable(purpose, error);
  }
}

function secretKey(purpose: string): Buffer {
  if (!purposePattern.test(purpose)) {
    throw new DbError('CONFIG_INVALID', `"${purpose}" is not a secret purpose (a-z, 0-9, -).`);
  }
  return deriveKey({
    info: `parapet secret ${purpose} v1`,
    purpose: `the ${purpose} secrets (they are sealed with it)`,
  });
}

function additionalData({ purpose, orgId }: SecretContext): Buffer {
  // Length-free framing is safe here: the purpose cannot contain the NUL separator.
  return Buffer.from(`parapet secret v${FORMAT_V1}\0${purpose}\0${orgId}`, 'utf8');
}

function unreadable(purpose: string, cause?: unknown): DbError {
  return new DbError(
    'SECRET_UNREADABLE',
    `A sealed ${purpose} secret could not be opened: it was changed, belongs to another organization, or was sealed under another master key.`,
    cause === undefined ? undefined : { cause },
  );
}

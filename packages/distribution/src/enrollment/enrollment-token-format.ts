import { createHash, randomBytes } from 'node:crypto';

/** `pet_` and 32 random bytes in base64url: what an admin hands to a device. */
export const enrollmentTokenPattern = /^pet_[A-Za-z0-9_-]{43}$/;

/**
 * SHA-256 (hex) of a token, the only form stored. A fast hash is right: the token carries 256
 * random bits, so there is nothing to guess from the hash.
 */
export function hashEnrollmentToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** A fresh token, its hash, and the first characters shown to tell tokens apart. */
export function newEnrollmentToken(): { token: string; tokenHash: string; tokenPrefix: string } {
  const token = `pet_${randomBytes(32).toString('base64url')}`;
  return { token, tokenHash: hashEnrollmentToken(token), tokenPrefix: token.slice(0, 12) };
}

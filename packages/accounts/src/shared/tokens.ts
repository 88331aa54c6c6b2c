import { createHash, randomBytes } from 'node:crypto';

/** 32 random bytes, base64url: the secret part of invite links and session cookies. */
export function createSecretToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * SHA-256 (hex) of a secret token. Only this is stored, so a copy of the database does not
 * hand out working invite links or sessions. A fast hash is right here: the tokens carry 256
 * bits of entropy, so there is nothing to guess.
 */
export function hashSecretToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

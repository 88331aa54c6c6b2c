import { createHash, randomBytes } from 'node:crypto';

// An API key is `ppk_` and 43 base64url characters (32 random bytes). The fixed, rare prefix is
// what lets secret scanners (GitHub's, gitleaks) recognise a leaked key; the first characters
// after it are kept in clear as the key's `prefix`, so people can tell their keys apart.

/** Any well-formed key: `ppk_` and 32 to 200 base64url characters (headless set-up keys too). */
export const apiKeyPattern = /^ppk_[A-Za-z0-9_-]{32,200}$/;

const shownPrefixLength = 12;

/** A new key: the secret, shown once, and what is stored of it. */
export function newApiKey(): { key: string; prefix: string; keyHash: string } {
  return describeApiKey(`ppk_${randomBytes(32).toString('base64url')}`);
}

/**
 * What is stored of a key: its SHA-256 (hex) and its first characters. A fast hash is right:
 * a key carries at least 192 bits of entropy, so there is nothing to guess.
 */
export function describeApiKey(key: string): { key: string; prefix: string; keyHash: string } {
  return {
    key,
    prefix: key.slice(0, shownPrefixLength),
    keyHash: createHash('sha256').update(key, 'utf8').digest('hex'),
  };
}

import { createHash, randomBytes, randomInt } from 'node:crypto';

// RFC 8628 §6.1: a user code short enough to type, from letters that cannot be mistaken for
// each other or spell words (no vowels, no digits). 20^8 ≈ 2.6 × 10^10 codes: with the
// code-entry lockout and a 10-minute life, guessing a live one is impractical.
export const userCodeAlphabet = 'BCDFGHJKLMNPQRSTVWXZ';
export const userCodeLength = 8;

/** A fresh user code, normalised (8 letters, no dash). */
export function generateUserCode(): string {
  let code = '';
  for (let index = 0; index < userCodeLength; index += 1) {
    code += userCodeAlphabet[randomInt(userCodeAlphabet.length)];
  }
  return code;
}

/** `BCDFGHJK` → `BCDF-GHJK`, as people read and type it. */
export function formatUserCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/**
 * What a person typed, as the stored form: upper-cased, dashes and spaces dropped (RFC 8628
 * §6.1 says to be forgiving). Undefined when it cannot be a user code at all, so a typo costs
 * no database lookup, yet still counts as a wrong code.
 */
export function normalizeUserCode(typed: string): string | undefined {
  const code = typed.toUpperCase().replace(/[\s-]/g, '');
  if (code.length !== userCodeLength) return undefined;
  for (const letter of code) if (!userCodeAlphabet.includes(letter)) return undefined;
  return code;
}

/** 32 random bytes, base64url: the agent's secret for polling. */
export function generateDeviceCode(): string {
  return randomBytes(32).toString('base64url');
}

/** SHA-256 (hex): only this is stored of either code. */
export function hashDeviceLoginCode(code: string): string {
  return createHash('sha256').update(code, 'utf8').digest('hex');
}

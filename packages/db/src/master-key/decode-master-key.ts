import { DbError } from '../db-error';

export const MASTER_KEY_BYTES = 32;

/** Accepts exactly 32 bytes written as 64 hex digits or as base64 (standard or URL-safe). */
export function decodeMasterKey({ text, origin }: { text: string; origin: string }): Buffer {
  const trimmed = text.trim();
  let key: Buffer | undefined;
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) key = Buffer.from(trimmed, 'hex');
  else if (/^[A-Za-z0-9+/_-]{43}={0,1}$/.test(trimmed)) key = Buffer.from(trimmed, 'base64');
  if (!key || key.length !== MASTER_KEY_BYTES) {
    throw new DbError(
      'MASTER_KEY_INVALID',
      `${origin} must be 32 bytes written as 64 hex digits or 44 base64 characters (for example \`openssl rand -base64 32\`).`,
    );
  }
  return key;
}

import { base64url } from 'jose';

const alphabet = /^[A-Za-z0-9_-]*$/;

export function encodeBase64url(bytes: Uint8Array | string): string {
  return base64url.encode(bytes);
}

/**
 * Strict base64url: no padding, no other alphabet, and only the one spelling that re-encodes
 * to itself, so the bytes under a signature have exactly one textual form.
 */
export function decodeBase64url(text: string): Uint8Array | undefined {
  if (!alphabet.test(text) || text.length % 4 === 1) return undefined;
  const bytes = base64url.decode(text);
  return base64url.encode(bytes) === text ? bytes : undefined;
}

const utf8Decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** UTF-8 without repair: invalid bytes, and a byte-order mark kept as text JSON refuses. */
export function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return utf8Decoder.decode(bytes);
  } catch {
    return undefined;
  }
}

import { createHmac, timingSafeEqual } from 'node:crypto';

const prefix = 'sha256=';

/** `X-Parapet-Signature` for a webhook body: `sha256=` and the hex HMAC-SHA-256 of the raw bytes. */
export function signWebhookBody(body: string | Uint8Array, secret: string): string {
  return prefix + createHmac('sha256', secret).update(body).digest('hex');
}

/**
 * What a receiver runs on the raw body it got (before any JSON parsing, which would change the
 * bytes): true only for the exact signature. The comparison takes the same time wherever the
 * first differing byte is, so a forger learns nothing from timing.
 */
export function verifyWebhookSignature(
  body: string | Uint8Array,
  header: string | null | undefined,
  secret: string,
): boolean {
  if (typeof header !== 'string' || !header.startsWith(prefix)) return false;
  const expected = Buffer.from(signWebhookBody(body, secret), 'utf8');
  const given = Buffer.from(header.trim(), 'utf8');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

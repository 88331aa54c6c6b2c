import { type KeySetClaims, keySetClaimsSchema } from '@parapet/bundle';

/**
 * The claims of a key set we signed and stored. Read back for display (which kids a version
 * holds), never to decide trust: endpoints verify the chain themselves.
 */
export function readKeySetClaims(document: string): KeySetClaims {
  const { payload } = JSON.parse(document) as { payload: string };
  return keySetClaimsSchema.parse(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
}

/** Seconds since the epoch, as claims carry time. */
export function epochSeconds(time: Date): number {
  return Math.floor(time.getTime() / 1000);
}

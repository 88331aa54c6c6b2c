import { hash } from 'node:crypto';
import { canonicalJson } from '@parapet/bundle';

/**
 * The hash a device's next event carries as `prev`: sha256, lower-case hex, of the event's
 * RFC 8785 canonical JSON, every field included (its own `prev` too, which is what chains it).
 * The server recomputes it from the stored body, so key order and whitespace never matter.
 */
export function hashAuditEvent(event: object): string {
  return canonicalAuditEvent(event).hash;
}

/**
 * An event's canonical JSON text with its hash, from one serialisation: parapet-agent buffers
 * and uploads this text, so the edge receives keys in canonical order and serialises them with
 * one native call (canonicalEventJson).
 */
export function canonicalAuditEvent(event: object): { text: string; hash: string } {
  const text = canonicalJson(event);
  return { text, hash: hash('sha256', text, 'hex') };
}

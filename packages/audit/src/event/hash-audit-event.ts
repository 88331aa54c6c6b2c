import { createHash } from 'node:crypto';
import { canonicalJson } from '@parapet/bundle';

/**
 * The hash a device's next event carries as `prev`: sha256, lower-case hex, of the event's
 * RFC 8785 canonical JSON, every field included (its own `prev` too, which is what chains it).
 * The server recomputes it from the stored body, so key order and whitespace never matter.
 */
export function hashAuditEvent(event: object): string {
  return createHash('sha256').update(canonicalJson(event)).digest('hex');
}

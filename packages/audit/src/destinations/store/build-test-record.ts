import { randomBytes } from 'node:crypto';
import { type AuditEvent, auditEventSchema, GENESIS_PREV } from '../../event/audit-event-schema';
import type { DecisionRecord } from '../../event/export-record';
import { hashAuditEvent } from '../../event/hash-audit-event';

/** The names that mark a test event wherever a receiver looks: resource host, rule, agent. */
export const testEventMarks = {
  host: 'parapet-test.invalid',
  ruleId: 'parapet-test',
  agent: 'parapet-test',
} as const;

// No device made it: the nil UUID says so rather than borrowing a real device's id.
const noDevice = '00000000-0000-0000-0000-000000000000';

/**
 * One synthetic decision, clearly a test ("parapet-test" rule and agent, a host under the
 * reserved .invalid top-level domain), shaped and hashed exactly like a stored one so the
 * receiver sees what real events will look like.
 */
export function buildTestRecord({ orgId, now }: { orgId: string; now: Date }): DecisionRecord {
  const event: AuditEvent = auditEventSchema.parse({
    id: uuidV7(now.getTime()),
    time: now.toISOString(),
    device: noDevice,
    session: { id: 'parapet-test', agent: testEventMarks.agent },
    surface: 'network',
    action: 'connect',
    resource: { host: testEventMarks.host, port: 443 },
    decision: 'allow',
    mode: 'audit',
    rule: { id: testEventMarks.ruleId, layer: 'parapet-test' },
    seq: 1,
    prev: GENESIS_PREV,
  });
  return {
    kind: 'decision',
    event,
    orgId,
    personId: null,
    groups: [],
    receivedAt: now.toISOString(),
    chain: 'first',
    hash: hashAuditEvent(event),
  };
}

/** A lower-case RFC 9562 UUIDv7 for `ms`. */
function uuidV7(ms: number): string {
  const bytes = randomBytes(16);
  bytes.writeUIntBE(ms, 0, 6);
  bytes[6] = 0x70 | ((bytes[6] ?? 0) & 0x0f);
  bytes[8] = 0x80 | ((bytes[8] ?? 0) & 0x3f);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

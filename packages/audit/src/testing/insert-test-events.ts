import { randomBytes, randomUUID } from 'node:crypto';
import type pg from 'pg';
import { type AuditEvent, GENESIS_PREV } from '../event/audit-event-schema';
import { hashAuditEvent } from '../event/hash-audit-event';
import { resourceLabel } from '../event/resource-label';

function uuidV7(now: number): string {
  const bytes = randomBytes(16);
  bytes.writeUIntBE(now, 0, 6);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x70;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A device's next events, chained (seq from `firstSeq`, `prev` = the hash before). */
export function makeTestEvents({
  deviceId,
  count,
  firstSeq = 1,
  prev = GENESIS_PREV,
}: {
  deviceId: string;
  count: number;
  firstSeq?: number;
  prev?: string;
}): AuditEvent[] {
  const events: AuditEvent[] = [];
  let previous = prev;
  for (let index = 0; index < count; index++) {
    const now = Date.now();
    const event: AuditEvent = {
      id: uuidV7(now),
      time: new Date(now).toISOString(),
      device: deviceId,
      surface: 'network',
      action: 'connect',
      resource: { host: `host-${(firstSeq + index) % 50}.example.com`, port: 443 },
      decision: index % 3 === 0 ? 'deny' : 'allow',
      mode: 'enforce',
      rule: { id: 'test-rule', layer: 'org' },
      ver: 1,
      seq: firstSeq + index,
      prev: previous,
    } as AuditEvent;
    previous = hashAuditEvent(event);
    events.push(event);
  }
  return events;
}

/**
 * Stores events the way ingestion does, in one transaction, for export tests that need stored
 * rows without an edge: the columns beside `body` are filled from the event. Returns the events.
 */
export async function insertTestEvents({
  db,
  orgId,
  events,
  personId = null,
  groups = [],
}: {
  db: pg.Pool;
  orgId: string;
  events: AuditEvent[];
  personId?: string | null;
  groups?: string[];
}): Promise<AuditEvent[]> {
  if (events.length === 0) return events;
  // Postgres takes at most 65,535 parameters per statement: large sets go in chunks, all in
  // one transaction, as one upload would.
  const client = await db.connect();
  try {
    await client.query('BEGIN');
    for (let start = 0; start < events.length; start += CHUNK) {
      await insertChunk({
        client,
        orgId,
        events: events.slice(start, start + CHUNK),
        personId,
        groups,
      });
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
  return events;
}

const CHUNK = 3_000;
const COLUMNS = 18;

async function insertChunk({
  client,
  orgId,
  events,
  personId,
  groups,
}: {
  client: pg.PoolClient;
  orgId: string;
  events: AuditEvent[];
  personId: string | null;
  groups: string[];
}): Promise<void> {
  const values: unknown[] = [];
  const rows = events.map((event, index) => {
    values.push(
      event.id,
      orgId,
      event.device,
      personId,
      groups,
      event.time,
      event.surface,
      event.action,
      event.decision,
      event.mode,
      resourceLabel(event),
      event.rule?.id ?? null,
      event.rule?.layer ?? null,
      event.ver ?? null,
      event.seq,
      hashAuditEvent(event),
      event.seq === 1 ? 'first' : 'ok',
      JSON.stringify(event),
    );
    const base = index * COLUMNS;
    return `(${Array.from({ length: COLUMNS }, (_, column) => `$${base + column + 1}`).join(', ')})`;
  });
  await client.query(
    `INSERT INTO audit.events (id, org_id, device_id, person_id, groups, time, surface, action,
       decision, mode, resource, rule_id, rule_layer, ver, seq, hash, chain, body)
     VALUES ${rows.join(', ')}`,
    values,
  );
}

/** A fresh device id for test events. */
export const testDeviceId = (): string => randomUUID();

import { type AuditEvent, hashAuditEvent } from '@parapet/audit';
import { makeSampleEvents } from '@parapet/audit/ingest';

export type DeviceBatches = { device: string; token: string; bodies: Buffer[]; events: number };

/**
 * Every body each device will send, made before the clock starts: `batches` JSON arrays of
 * `size` chained events per device, as an agent uploads them.
 */
export function makeBatches({
  devices,
  batches,
  size,
}: {
  devices: { id: string; token: string }[];
  batches: number;
  size: number;
}): DeviceBatches[] {
  return devices.map(({ id, token }) => {
    let after = { seq: 0, hash: '0'.repeat(64) };
    const bodies: Buffer[] = [];
    for (let batch = 0; batch < batches; batch += 1) {
      const events = makeSampleEvents({ device: id, count: size, after });
      const last = events.at(-1) as AuditEvent;
      after = { seq: last.seq, hash: hashAuditEvent(last) };
      bodies.push(Buffer.from(JSON.stringify(events)));
    }
    return { device: id, token, bodies, events: batches * size };
  });
}

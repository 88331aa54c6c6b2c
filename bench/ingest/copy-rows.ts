import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { type AuditEvent, canonicalAuditEvent, resourceLabel } from '@parapet/audit';
import { binaryCopyInput, createBinaryCopyWriter, uuidV7At } from '@parapet/audit/ingest';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

const columns =
  'id, org_id, device_id, person_id, groups, time, surface, action, decision, mode, resource, rule_id, rule_layer, ver, seq, hash, chain, body';
const columnCount = columns.split(',').length;

/**
 * The rows POST /v1/events would store for these bodies, with fresh ids, as the same binary COPY
 * input the edge sends (its writer), made before the clock starts: the same columns, the same
 * table, the same sizes. One input (header, rows, trailer) per body.
 */
export function copyInputFor({
  bodies,
  orgId,
  device,
}: {
  bodies: Buffer[];
  orgId: string;
  device: { id: string; personId: string | null; groups: string[] };
}): Buffer[][] {
  const fixed = createBinaryCopyWriter(256);
  fixed.uuid(orgId);
  fixed.uuid(device.id);
  if (device.personId === null) fixed.text(null);
  else fixed.uuid(device.personId);
  fixed.textArray(device.groups);
  const deviceFields = Buffer.from(fixed.bytes());
  return bodies.map((body) => {
    const writer = createBinaryCopyWriter(body.length * 2);
    for (const original of JSON.parse(body.toString()) as AuditEvent[]) {
      const event = { ...original, id: uuidV7At(Date.parse(original.time), randomBytes(10)) };
      const { text, hash } = canonicalAuditEvent(event);
      writer.row(columnCount);
      writer.uuid(event.id);
      writer.raw(deviceFields);
      writer.timestamptz(Date.parse(event.time));
      writer.text(event.surface);
      writer.text(event.action);
      writer.text(event.decision);
      writer.text(event.mode);
      writer.text(resourceLabel(event));
      writer.text(event.rule?.id ?? null);
      writer.text(event.rule?.layer ?? null);
      writer.int4(event.ver ?? null);
      writer.int8(event.seq);
      writer.text(hash);
      writer.text('ok');
      writer.text(text);
    }
    return binaryCopyInput(Buffer.from(writer.bytes()));
  });
}

/** Streams each chunk through its own COPY … FROM STDIN, `streams` at a time; resolves when all committed. */
export async function copyRows(pool: pg.Pool, chunks: Buffer[][], streams: number): Promise<void> {
  let next = 0;
  const worker = async () => {
    const client = await pool.connect();
    try {
      for (let chunk = chunks[next++]; chunk !== undefined; chunk = chunks[next++]) {
        await pipeline(
          Readable.from(chunk),
          client.query(copyFrom(`COPY audit.events (${columns}) FROM STDIN (FORMAT binary)`)),
        );
      }
    } finally {
      client.release();
    }
  };
  await Promise.all(Array.from({ length: streams }, worker));
}

import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { AuditEvent } from '@parapet/audit';
import {
  checkEvents,
  copyEventsInput,
  copyEventsStatement,
  defaultRetentionDays,
  encodeEventRows,
  prepareRows,
  uuidV7At,
} from '@parapet/audit/ingest';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/**
 * The rows POST /v1/events would store for these bodies, with fresh ids, made before the clock
 * starts by the edge's own steps (check, prepare, binary COPY input): the same columns, the same
 * table, the same bytes but the ids. One input (header, rows, trailer) per body.
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
  const ingestDevice = { id: device.id, orgId, personId: device.personId, groups: device.groups };
  return bodies.map((body) => {
    const events = (JSON.parse(body.toString()) as AuditEvent[]).map((original) => ({
      ...original,
      id: uuidV7At(Date.parse(original.time), randomBytes(10)),
    }));
    const { candidates, rejected } = checkEvents({
      events,
      device: ingestDevice,
      now: Date.now(),
      retentionDays: defaultRetentionDays,
    });
    if (rejected.length > 0) throw new Error(`COPY rows refused: ${JSON.stringify(rejected[0])}`);
    const encoded = encodeEventRows(ingestDevice, prepareRows(candidates));
    const order = encoded.links.seqOrder();
    return copyEventsInput(
      encoded,
      order,
      order.map(() => 'ok'),
    );
  });
}

/** Streams each chunk through its own COPY … FROM STDIN, `streams` at a time; resolves when all committed. */
export async function copyRows(pool: pg.Pool, chunks: Buffer[][], streams: number): Promise<void> {
  let next = 0;
  const worker = async () => {
    const client = await pool.connect();
    try {
      for (let chunk = chunks[next++]; chunk !== undefined; chunk = chunks[next++]) {
        await pipeline(Readable.from(chunk), client.query(copyFrom(copyEventsStatement)));
      }
    } finally {
      client.release();
    }
  };
  await Promise.all(Array.from({ length: streams }, worker));
}

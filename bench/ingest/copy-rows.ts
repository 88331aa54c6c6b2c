import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { type AuditEvent, hashAuditEvent, resourceLabel } from '@parapet/audit';
import { uuidV7At } from '@parapet/audit/ingest';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

const columns =
  'id, org_id, device_id, person_id, groups, time, surface, action, decision, mode, resource, rule_id, rule_layer, ver, seq, hash, chain, body';

// COPY's text format: backslash, tab, newline and carriage return escaped; \N is null.
function field(value: string | number | null): string {
  if (value === null) return '\\N';
  return String(value).replace(/[\\\t\n\r]/g, (c) =>
    c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r',
  );
}

/**
 * The rows POST /v1/events would store for these bodies, with fresh ids, as COPY text, made
 * before the clock starts: the same columns, the same table, the same sizes.
 */
export function copyTextFor({
  bodies,
  orgId,
  device,
}: {
  bodies: Buffer[];
  orgId: string;
  device: { id: string; personId: string | null; groups: string[] };
}): Buffer[] {
  const groups = `{${device.groups.map((group) => `"${group}"`).join(',')}}`;
  return bodies.map((body) => {
    const events = JSON.parse(body.toString()) as AuditEvent[];
    const lines = events.map((original) => {
      const event = { ...original, id: uuidV7At(Date.parse(original.time), randomBytes(10)) };
      return [
        event.id,
        orgId,
        device.id,
        device.personId,
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
        'ok',
        JSON.stringify(event),
      ]
        .map(field)
        .join('\t');
    });
    return Buffer.from(`${lines.join('\n')}\n`);
  });
}

/** Streams each chunk through its own COPY … FROM STDIN, `streams` at a time; resolves when all committed. */
export async function copyRows(pool: pg.Pool, chunks: Buffer[], streams: number): Promise<void> {
  let next = 0;
  const worker = async () => {
    const client = await pool.connect();
    try {
      for (let chunk = chunks[next++]; chunk !== undefined; chunk = chunks[next++]) {
        await pipeline(
          Readable.from([chunk]),
          client.query(copyFrom(`COPY audit.events (${columns}) FROM STDIN`)),
        );
      }
    } finally {
      client.release();
    }
  };
  await Promise.all(Array.from({ length: streams }, worker));
}

import { type Actor, assertRole, parseInput } from '@parapet/accounts';
import type pg from 'pg';
import { z } from 'zod';
import type { DecisionRecord } from '../event/export-record';
import { csvRow } from './csv-cell';
import { eventFilterFields, type ResolvedFilters } from './event-filters.schema';
import { rawEventsWhere, SqlParams, sourceRows, sumCells } from './event-source-sql';
import { resolveOrRefuse } from './load-dashboard';
import { readRollupCursor } from './with-read-snapshot';

export const exportEventsSchema = z.strictObject({
  ...eventFilterFields,
  format: z.enum(['csv', 'ndjson'], { error: 'Choose csv or ndjson.' }).default('csv'),
});

export type ExportEventsInput = z.input<typeof exportEventsSchema>;

export const exportCsvColumns = [
  'id',
  'time',
  'received_at',
  'device_id',
  'hostname',
  'person_id',
  'person_email',
  'groups',
  'surface',
  'action',
  'decision',
  'mode',
  'resource',
  'rule_id',
  'rule_layer',
  'ver',
  'seq',
  'chain',
  'hash',
] as const;

/** An export ready to run: authorized and validated, but nothing opened until `start`. */
export type EventExport = {
  filename: string;
  contentType: string;
  /**
   * Opens a read-only snapshot, counts the events it will send and returns the count with a
   * stream of them, oldest first, read from a server-side cursor a page at a time as the
   * stream is pulled (constant memory whatever the count). The snapshot ends when the stream
   * ends, fails or is cancelled.
   */
  start: () => Promise<{ total: number; body: ReadableStream<Uint8Array> }>;
};

type ExportRow = {
  id: string;
  time: Date;
  received_at: Date;
  device_id: string;
  hostname: string | null;
  person_id: string | null;
  person_email: string | null;
  org_id: string;
  groups: string[];
  surface: string;
  action: string;
  decision: string;
  mode: string;
  resource: string;
  rule_id: string | null;
  rule_layer: string | null;
  ver: number | null;
  seq: string;
  chain: DecisionRecord['chain'];
  hash: string;
  body: DecisionRecord['event'];
};

const fetchRows = 1_000;

/** The filtered events as CSV or NDJSON (DecisionRecord per line). Auditors and up. */
export function exportEvents({
  pool,
  actor,
  input,
  now,
}: {
  pool: pg.Pool;
  actor: Actor;
  input: ExportEventsInput;
  now?: Date;
}): EventExport {
  assertRole(actor, 'auditor');
  const { format, ...filterInput } = parseInput(exportEventsSchema, input);
  const filters = resolveOrRefuse({ orgId: actor.orgId, filters: filterInput, now });
  const day = (date: Date) => date.toISOString().slice(0, 13).replace('T', '-');
  return {
    filename: `parapet-events-${day(filters.from)}h-${day(filters.to)}h.${format}`,
    contentType: format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson',
    start: () => startExport({ pool, filters, format }),
  };
}

async function startExport({
  pool,
  filters,
  format,
}: {
  pool: pg.Pool;
  filters: ResolvedFilters;
  format: 'csv' | 'ndjson';
}): Promise<{ total: number; body: ReadableStream<Uint8Array> }> {
  const client = await pool.connect();
  let total: number;
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    total = await countEvents(client, filters);
    const params = new SqlParams();
    const where = rawEventsWhere(filters, params);
    await client.query(
      `DECLARE event_export NO SCROLL CURSOR FOR
       SELECT e.id, e.time, e.received_at, e.device_id, d.hostname, e.person_id,
              p.email AS person_email, e.org_id, e.groups, e.surface, e.action, e.decision, e.mode,
              e.resource, e.rule_id, e.rule_layer, e.ver, e.seq, e.chain, e.hash, e.body
         FROM audit.events e
         LEFT JOIN devices d ON d.id = e.device_id AND d.org_id = e.org_id
         LEFT JOIN people p ON p.id = e.person_id AND p.org_id = e.org_id
        WHERE ${where} ORDER BY e.time, e.id`,
      params.values,
    );
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    client.release();
    throw error;
  }
  const encoder = new TextEncoder();
  let open = true;
  const close = async (error?: unknown) => {
    if (!open) return;
    open = false;
    if (error === undefined) await client.query('ROLLBACK').catch(() => {});
    // A connection that failed mid-read is dropped rather than handed to the next caller.
    client.release(error instanceof Error ? error : undefined);
  };
  const line = format === 'csv' ? csvLine : ndjsonLine;
  const body = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        if (format === 'csv') controller.enqueue(encoder.encode(csvRow(exportCsvColumns)));
      },
      async pull(controller) {
        try {
          const { rows } = await client.query<ExportRow>(`FETCH ${fetchRows} FROM event_export`);
          if (rows.length === 0) {
            await close();
            controller.close();
            return;
          }
          controller.enqueue(encoder.encode(rows.map(line).join('')));
        } catch (error) {
          await close(error);
          controller.error(error);
        }
      },
      async cancel() {
        await close();
      },
    },
    { highWaterMark: 1 },
  );
  return { total, body };
}

/** How many events the filters select, in the export's snapshot (rollups when they answer). */
async function countEvents(client: pg.PoolClient, filters: ResolvedFilters): Promise<number> {
  const params = new SqlParams();
  const cursor = await readRollupCursor(client, filters.orgId);
  const rows = sourceRows({
    filters,
    dimensions: ['all'],
    unit: null,
    cursor,
    hourlyOnly: false,
    params,
  });
  const { rows: counted } = await client.query<{ n: string | null }>(
    `SELECT ${sumCells(filters)} AS n FROM (${rows}) s`,
    params.values,
  );
  return Number(counted[0]?.n ?? 0);
}

function csvLine(row: ExportRow): string {
  return csvRow([
    row.id,
    row.time.toISOString(),
    row.received_at.toISOString(),
    row.device_id,
    row.hostname,
    row.person_id,
    row.person_email,
    row.groups.join(';'),
    row.surface,
    row.action,
    row.decision,
    row.mode,
    row.resource,
    row.rule_id,
    row.rule_layer,
    row.ver,
    Number(row.seq),
    row.chain,
    row.hash,
  ]);
}

function ndjsonLine(row: ExportRow): string {
  const record: DecisionRecord = {
    kind: 'decision',
    event: row.body,
    orgId: row.org_id,
    personId: row.person_id,
    groups: row.groups,
    receivedAt: row.received_at.toISOString(),
    chain: row.chain,
    hash: row.hash,
  };
  return `${JSON.stringify(record)}\n`;
}

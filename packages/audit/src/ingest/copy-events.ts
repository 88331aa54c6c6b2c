import { binaryCopyInput, createBinaryCopyWriter } from './binary-copy';
import type { IngestDevice } from './ingest-types';
import type { PreparedRow } from './prepare-rows';
import { RowLinks } from './row-links';

// The columns a stored event's COPY fills, in the order its rows are written; the others
// (received_at, tx, ingest_seq) take their defaults. The chain flag comes last: it is known
// only under the device's lock, after the rest of each row was encoded.
const columns = [
  'id',
  'org_id',
  'device_id',
  'person_id',
  'groups',
  'time',
  'surface',
  'action',
  'decision',
  'mode',
  'resource',
  'rule_id',
  'rule_layer',
  'ver',
  'seq',
  'hash',
  'body',
  'chain',
];

/** The statement copyEventsInput's bytes are for. */
export const copyEventsStatement = `COPY audit.events (${columns.join(', ')}) FROM STDIN (FORMAT binary)`;

/**
 * A body's rows in COPY's binary form, all but their chain flags: row i is
 * `bytes[starts[i], starts[i + 1])`, and `links` holds each row's chain fields. Encoded before
 * the body waits on the database, so that what waits is buffers outside V8's heap, not the rows'
 * texts (about a kilobyte per event that outlived young-generation collections and was copied
 * and promoted) nor an object per row.
 */
export type EncodedRows = { bytes: Buffer; starts: Uint32Array; links: RowLinks };

/**
 * A device's prepared rows encoded for COPY but for the chain flag. The device's four fields are
 * the same in every row: encoded once and copied in.
 */
export function encodeEventRows(device: IngestDevice, rows: readonly PreparedRow[]): EncodedRows {
  const fixed = createBinaryCopyWriter(256);
  fixed.uuid(device.orgId);
  fixed.uuid(device.id);
  if (device.personId === null) fixed.text(null);
  else fixed.uuid(device.personId);
  fixed.textArray(device.groups);
  const deviceFields = fixed.bytes();
  const writer = createBinaryCopyWriter(rows.length * 1024);
  const starts = new Uint32Array(rows.length + 1);
  const links = new RowLinks(rows.length);
  for (let i = 0; i < rows.length; i += 1) {
    const row = rows[i] as PreparedRow;
    starts[i] = writer.size();
    writer.row(columns.length);
    writer.uuid(row.id);
    writer.raw(deviceFields);
    writer.timestamptz(row.timeMs);
    writer.text(row.surface);
    writer.text(row.action);
    writer.text(row.decision);
    writer.text(row.mode);
    writer.text(row.resource);
    writer.text(row.ruleId);
    writer.text(row.ruleLayer);
    writer.int4(row.ver);
    writer.int8(row.seq);
    writer.text(row.hash);
    writer.text(row.body);
    links.set(i, row);
  }
  starts[rows.length] = writer.size();
  return { bytes: writer.bytes(), starts, links };
}

/**
 * COPY's binary input (header, rows, trailer) of the encoded rows at positions `order`, in that
 * order, `flags[k]` the chain flag of row `order[k]`.
 */
export function copyEventsInput(
  encoded: EncodedRows,
  order: readonly number[],
  flags: readonly string[],
): Buffer[] {
  const { bytes, starts } = encoded;
  let size = 0;
  for (const at of order) size += (starts[at + 1] as number) - (starts[at] as number) + 9;
  const writer = createBinaryCopyWriter(size);
  for (let k = 0; k < order.length; k += 1) {
    const at = order[k] as number;
    writer.raw(bytes, starts[at], starts[at + 1]);
    writer.text(flags[k] as string);
  }
  return binaryCopyInput(writer.bytes());
}

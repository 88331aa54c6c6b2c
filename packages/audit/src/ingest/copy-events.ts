import { binaryCopyInput, createBinaryCopyWriter } from './binary-copy';
import type { IngestDevice } from './ingest-types';
import type { PreparedRow } from './prepare-rows';

// The columns a stored event's COPY fills, in the order copyEventsInput writes them; the others
// (received_at, tx, ingest_seq) take their defaults.
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
  'chain',
  'body',
];

/** The statement copyEventsInput's bytes are for. */
export const copyEventsStatement = `COPY audit.events (${columns.join(', ')}) FROM STDIN (FORMAT binary)`;

/**
 * A device's prepared rows as COPY's binary input (header, rows, trailer), each with its chain
 * flag. The device's four fields are the same in every row: encoded once and copied in.
 */
export function copyEventsInput({
  device,
  rows,
  flags,
}: {
  device: IngestDevice;
  rows: readonly PreparedRow[];
  flags: readonly string[];
}): Buffer[] {
  const fixed = createBinaryCopyWriter(256);
  fixed.uuid(device.orgId);
  fixed.uuid(device.id);
  if (device.personId === null) fixed.text(null);
  else fixed.uuid(device.personId);
  fixed.textArray(device.groups);
  const deviceFields = fixed.bytes();
  const writer = createBinaryCopyWriter(rows.length * 1024);
  for (let i = 0; i < rows.length; i += 1) {
    const row = rows[i] as PreparedRow;
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
    writer.text(flags[i] as string);
    writer.text(row.body);
  }
  return binaryCopyInput(writer.bytes());
}

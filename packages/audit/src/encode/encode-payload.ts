import type { ExportRecord } from '../event/export-record';
import { encodeJsonRecord } from './encode-json-record';
import { encodeOcsf } from './encode-ocsf';

export type PayloadContext = { productVersion: string };

/** A record as one JSON object in the chosen format, for the destinations that carry JSON. */
export function encodePayload(
  record: ExportRecord,
  format: 'json' | 'ocsf',
  context: PayloadContext,
): Record<string, unknown> {
  return format === 'ocsf' ? encodeOcsf(record, context) : encodeJsonRecord(record);
}

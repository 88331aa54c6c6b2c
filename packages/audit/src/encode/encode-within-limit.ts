import type { ExportRecord } from '../event/export-record';
import { utf8ByteLength } from './pack-by-size';

/**
 * Encodes a record and, when the result is over a receiver's per-entry limit, encodes it again
 * with an admin entry's free-form `details` replaced by a marker saying how large they were.
 * Nothing else in a record can grow (an event's fields are bounded by its schema), and the
 * record itself is never dropped: its id, kind and hash survive, and Parapet keeps the whole
 * entry, so the receiver learns that something was cut and where to find it.
 */
export function encodeWithinLimit(
  record: ExportRecord,
  encode: (record: ExportRecord) => string,
  maxBytes: number,
): { text: string; bytes: number; truncated: boolean } {
  const text = encode(record);
  const bytes = utf8ByteLength(text);
  if (bytes <= maxBytes || record.kind !== 'admin') return { text, bytes, truncated: false };
  const detailsBytes = utf8ByteLength(JSON.stringify(record.details));
  const shrunk = encode({
    ...record,
    details: { truncated: true, originalBytes: detailsBytes },
  });
  return { text: shrunk, bytes: utf8ByteLength(shrunk), truncated: true };
}

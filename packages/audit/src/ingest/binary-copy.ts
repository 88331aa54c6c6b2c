// PostgreSQL's binary COPY format, for the rows ingestion stores. Postgres reads binary fields
// with no text parsing (a uuid is 16 bytes, a timestamp 8), and the writer escapes nothing: the
// text format made Postgres parse four uuids, a timestamp and an array literal per row and the
// edge scan every body for characters to escape.
// The format: https://www.postgresql.org/docs/current/sql-copy.html#id-1.9.3.55.9.4

/** "PGCOPY\n\377\r\n\0", then 32-bit flags (none) and header-extension length (none). */
const header = Buffer.from([
  0x50, 0x47, 0x43, 0x4f, 0x50, 0x59, 0x0a, 0xff, 0x0d, 0x0a, 0x00, 0, 0, 0, 0, 0, 0, 0, 0,
]);
/** Milliseconds from the Unix epoch to Postgres's (2000-01-01T00:00:00Z). */
const postgresEpochMs = 946_684_800_000;
const twoTo32 = 2 ** 32;
const textOid = 25;
const uuidText = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Texts up to this many UTF-16 units are written in JavaScript when they are ASCII. */
const shortText = 96;
/** A 16-bit -1 where a row's field count would be: the end of the data. */
const trailer = Buffer.from([0xff, 0xff]);

/** The chunks of a COPY … FROM STDIN (FORMAT binary) input holding `rows`. */
export function binaryCopyInput(rows: Buffer): Buffer[] {
  return [header, rows, trailer];
}

export type BinaryCopyWriter = {
  /** Starts a row of `fields` fields. */
  row(fields: number): void;
  /** A uuid in its canonical text form (validated before it gets here). */
  uuid(value: string): void;
  /** A text (or json) value as UTF-8, or NULL. */
  text(value: string | null): void;
  /** A 32-bit integer, or NULL. */
  int4(value: number | null): void;
  /** A 64-bit integer within JavaScript's safe integers. */
  int8(value: number): void;
  /** A timestamptz from milliseconds since the Unix epoch. */
  timestamptz(ms: number): void;
  /** A text[] of one dimension. */
  textArray(values: readonly string[]): void;
  /** Bytes copied as they are: fields another writer encoded once for every row. */
  raw(bytes: Buffer): void;
  /** The bytes written so far (rows, or fields to be `raw` into rows). */
  bytes(): Buffer;
};

/** A writer into one growing buffer; `sizeHint` is the expected size in bytes. */
export function createBinaryCopyWriter(sizeHint = 64 * 1024): BinaryCopyWriter {
  let buffer = Buffer.allocUnsafe(Math.max(sizeHint, 64));
  let length = 0;
  const reserve = (bytes: number) => {
    if (length + bytes <= buffer.length) return;
    const larger = Buffer.allocUnsafe(Math.max(buffer.length * 2, length + bytes));
    buffer.copy(larger, 0, 0, length);
    buffer = larger;
  };
  // A wrong number must fail the COPY, not store 0 or a rounded value: Buffer's writers take
  // NaN as 0 and cut fractions.
  const writeInt8 = (value: number) => {
    if (!Number.isSafeInteger(value)) throw new TypeError('binary COPY: int8 not a safe integer');
    const high = Math.floor(value / twoTo32);
    buffer.writeInt32BE(high, length);
    buffer.writeUInt32BE(value - high * twoTo32, length + 4);
    length += 8;
  };
  return {
    row(fields) {
      reserve(2);
      length = buffer.writeInt16BE(fields, length);
    },
    uuid(value) {
      if (!uuidText.test(value)) throw new TypeError('binary COPY: not a uuid');
      reserve(20);
      length = buffer.writeInt32BE(16, length);
      // Two hex digits a byte, dashes skipped; a JS loop, not five slices and native calls.
      for (let at = 0; at < 36; at += 2) {
        if (at === 8 || at === 13 || at === 18 || at === 23) at += 1;
        buffer[length++] =
          (hexValue(value.charCodeAt(at)) << 4) | hexValue(value.charCodeAt(at + 1));
      }
    },
    text(value) {
      if (value === null) {
        reserve(4);
        length = buffer.writeInt32BE(-1, length);
        return;
      }
      // A UTF-16 code unit takes at most 3 bytes of UTF-8.
      reserve(4 + value.length * 3);
      const start = length + 4;
      let end = start;
      // Short ASCII values (enums, hashes, labels) byte by byte: a native call costs more.
      if (value.length <= shortText) {
        for (let at = 0; at < value.length; at += 1) {
          const code = value.charCodeAt(at);
          if (code >= 0x80) {
            end = -1;
            break;
          }
          buffer[end++] = code;
        }
      } else end = -1;
      if (end === -1) end = start + buffer.write(value, start, 'utf8');
      buffer.writeInt32BE(end - start, length);
      length = end;
    },
    int4(value) {
      reserve(8);
      if (value === null) {
        length = buffer.writeInt32BE(-1, length);
        return;
      }
      if (!Number.isInteger(value)) throw new TypeError('binary COPY: int4 not an integer');
      length = buffer.writeInt32BE(4, length);
      length = buffer.writeInt32BE(value, length);
    },
    int8(value) {
      reserve(12);
      length = buffer.writeInt32BE(8, length);
      writeInt8(value);
    },
    timestamptz(ms) {
      if (!Number.isSafeInteger(ms)) throw new TypeError('binary COPY: not a time in whole ms');
      reserve(12);
      length = buffer.writeInt32BE(8, length);
      const micros = (ms - postgresEpochMs) * 1000;
      // Beyond about 285 years from 2000 microseconds pass 2^53: exact through BigInt.
      if (Number.isSafeInteger(micros)) writeInt8(micros);
      else length = buffer.writeBigInt64BE(BigInt(ms - postgresEpochMs) * 1000n, length);
    },
    textArray(values) {
      const elements = values.map((value) => Buffer.from(value, 'utf8'));
      const size =
        (values.length === 0 ? 12 : 20) +
        elements.reduce((sum, bytes) => sum + 4 + bytes.length, 0);
      reserve(4 + size);
      length = buffer.writeInt32BE(size, length);
      // Dimensions, a has-nulls flag, the element type; then each dimension's size and lower bound.
      length = buffer.writeInt32BE(values.length === 0 ? 0 : 1, length);
      length = buffer.writeInt32BE(0, length);
      length = buffer.writeInt32BE(textOid, length);
      if (values.length > 0) {
        length = buffer.writeInt32BE(values.length, length);
        length = buffer.writeInt32BE(1, length);
      }
      for (const bytes of elements) {
        length = buffer.writeInt32BE(bytes.length, length);
        length += bytes.copy(buffer, length);
      }
    },
    raw(bytes) {
      reserve(bytes.length);
      length += bytes.copy(buffer, length);
    },
    bytes() {
      return buffer.subarray(0, length);
    },
  };
}

/** The value of a lower- or upper-case hex digit (the caller validated the text). */
function hexValue(code: number): number {
  return code <= 57 ? code - 48 : (code | 0x20) - 87;
}

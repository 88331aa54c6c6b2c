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
  const writeInt8 = (value: number) => {
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
      reserve(20);
      length = buffer.writeInt32BE(16, length);
      // Five hex groups, dashes skipped: 8-4-4-4-12 digits.
      length += buffer.write(value.slice(0, 8), length, 'hex');
      length += buffer.write(value.slice(9, 13), length, 'hex');
      length += buffer.write(value.slice(14, 18), length, 'hex');
      length += buffer.write(value.slice(19, 23), length, 'hex');
      length += buffer.write(value.slice(24, 36), length, 'hex');
    },
    text(value) {
      if (value === null) {
        reserve(4);
        length = buffer.writeInt32BE(-1, length);
        return;
      }
      // A UTF-16 code unit takes at most 3 bytes of UTF-8.
      reserve(4 + value.length * 3);
      const written = buffer.write(value, length + 4, 'utf8');
      buffer.writeInt32BE(written, length);
      length += 4 + written;
    },
    int4(value) {
      reserve(8);
      if (value === null) {
        length = buffer.writeInt32BE(-1, length);
        return;
      }
      length = buffer.writeInt32BE(4, length);
      length = buffer.writeInt32BE(value, length);
    },
    int8(value) {
      reserve(12);
      length = buffer.writeInt32BE(8, length);
      writeInt8(value);
    },
    timestamptz(ms) {
      reserve(12);
      length = buffer.writeInt32BE(8, length);
      writeInt8((ms - postgresEpochMs) * 1000);
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

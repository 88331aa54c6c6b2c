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

/**
 * Writes rows into one growing buffer. A class, not a function returning closures: a body makes
 * new writers, and closures made per writer were optimized again for each (28 TurboFan compiles
 * of each writing function in one bench:ingest run, about a sixth of the edge's CPU); a class's
 * methods are compiled once.
 */
export class BinaryCopyWriter {
  #buffer: Buffer;
  #length = 0;

  /** `sizeHint`: the expected size in bytes. */
  constructor(sizeHint = 64 * 1024) {
    this.#buffer = Buffer.allocUnsafe(Math.max(sizeHint, 64));
  }

  /** Starts a row of `fields` fields. */
  row(fields: number): void {
    this.#reserve(2);
    this.#length = this.#buffer.writeInt16BE(fields, this.#length);
  }

  /** A uuid in its canonical text form (validated before it gets here). */
  uuid(value: string): void {
    if (!uuidText.test(value)) throw new TypeError('binary COPY: not a uuid');
    this.#reserve(20);
    const buffer = this.#buffer;
    let length = buffer.writeInt32BE(16, this.#length);
    // Two hex digits a byte, dashes skipped; a JS loop, not five slices and native calls.
    for (let at = 0; at < 36; at += 2) {
      if (at === 8 || at === 13 || at === 18 || at === 23) at += 1;
      buffer[length++] = (hexValue(value.charCodeAt(at)) << 4) | hexValue(value.charCodeAt(at + 1));
    }
    this.#length = length;
  }

  /** A text, or NULL. */
  text(value: string | null): void {
    if (value === null) {
      this.#reserve(4);
      this.#length = this.#buffer.writeInt32BE(-1, this.#length);
      return;
    }
    // A UTF-16 code unit takes at most 3 bytes of UTF-8.
    this.#reserve(4 + value.length * 3);
    const buffer = this.#buffer;
    const start = this.#length + 4;
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
    buffer.writeInt32BE(end - start, this.#length);
    this.#length = end;
  }

  /** An int4, or NULL. */
  int4(value: number | null): void {
    this.#reserve(8);
    if (value === null) {
      this.#length = this.#buffer.writeInt32BE(-1, this.#length);
      return;
    }
    if (!Number.isInteger(value)) throw new TypeError('binary COPY: int4 not an integer');
    this.#length = this.#buffer.writeInt32BE(4, this.#length);
    this.#length = this.#buffer.writeInt32BE(value, this.#length);
  }

  /** An int8 (a safe integer). */
  int8(value: number): void {
    this.#reserve(12);
    this.#length = this.#buffer.writeInt32BE(8, this.#length);
    this.#writeInt8(value);
  }

  /** A timestamptz from milliseconds since the Unix epoch. */
  timestamptz(ms: number): void {
    if (!Number.isSafeInteger(ms)) throw new TypeError('binary COPY: not a time in whole ms');
    this.#reserve(12);
    this.#length = this.#buffer.writeInt32BE(8, this.#length);
    const micros = (ms - postgresEpochMs) * 1000;
    // Beyond about 285 years from 2000 microseconds pass 2^53: exact through BigInt.
    if (Number.isSafeInteger(micros)) this.#writeInt8(micros);
    else {
      const exact = BigInt(ms - postgresEpochMs) * 1000n;
      this.#length = this.#buffer.writeBigInt64BE(exact, this.#length);
    }
  }

  /** A text[] of one dimension. */
  textArray(values: readonly string[]): void {
    const elements = values.map((value) => Buffer.from(value, 'utf8'));
    const size =
      (values.length === 0 ? 12 : 20) + elements.reduce((sum, bytes) => sum + 4 + bytes.length, 0);
    this.#reserve(4 + size);
    const buffer = this.#buffer;
    let length = buffer.writeInt32BE(size, this.#length);
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
    this.#length = length;
  }

  /**
   * Bytes copied as they are (`bytes` from `start` to `end`, all of it by default): fields
   * another writer encoded once for every row, or rows encoded before.
   */
  raw(bytes: Buffer, start = 0, end = bytes.length): void {
    this.#reserve(end - start);
    this.#length += bytes.copy(this.#buffer, this.#length, start, end);
  }

  /** The bytes written so far (rows, or fields to be `raw` into rows). */
  bytes(): Buffer {
    return this.#buffer.subarray(0, this.#length);
  }

  /** How many bytes have been written. */
  size(): number {
    return this.#length;
  }

  #reserve(bytes: number): void {
    if (this.#length + bytes <= this.#buffer.length) return;
    const larger = Buffer.allocUnsafe(Math.max(this.#buffer.length * 2, this.#length + bytes));
    this.#buffer.copy(larger, 0, 0, this.#length);
    this.#buffer = larger;
  }

  // A wrong number must fail the COPY, not store 0 or a rounded value: Buffer's writers take
  // NaN as 0 and cut fractions.
  #writeInt8(value: number): void {
    if (!Number.isSafeInteger(value)) throw new TypeError('binary COPY: int8 not a safe integer');
    const high = Math.floor(value / twoTo32);
    this.#buffer.writeInt32BE(high, this.#length);
    this.#buffer.writeUInt32BE(value - high * twoTo32, this.#length + 4);
    this.#length += 8;
  }
}

/** A writer into one growing buffer; `sizeHint` is the expected size in bytes. */
export function createBinaryCopyWriter(sizeHint = 64 * 1024): BinaryCopyWriter {
  return new BinaryCopyWriter(sizeHint);
}

/** The value of a lower- or upper-case hex digit (the caller validated the text). */
function hexValue(code: number): number {
  return code <= 57 ? code - 48 : (code | 0x20) - 87;
}

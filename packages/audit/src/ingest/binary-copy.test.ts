import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createTestDatabase, type TestDatabase } from '@parapet/db/testing';
import fc from 'fast-check';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { binaryCopyInput, createBinaryCopyWriter } from './binary-copy';

let database: TestDatabase;
let pool: pg.Pool;

beforeAll(async () => {
  database = await createTestDatabase();
  pool = new pg.Pool({ connectionString: database.databaseUrl, max: 2 });
});

afterAll(async () => {
  await pool.end();
  await database.drop();
});

const columns =
  'k int, id uuid, person uuid, groups text[], at timestamptz, label text, ver int, seq bigint, body json';

// Text Postgres can hold: no NUL, no lone surrogate (ingestion refuses both before storing).
const storableText = fc
  .oneof(
    fc.string({ unit: 'binary' }),
    // What COPY's text format and array literals would have to escape.
    fc.string({ unit: fc.constantFrom('\\', '\t', '\n', '\r', '"', '{', '}', ',', ' ', 'N') }),
  )
  .filter((text) => !text.includes('\u0000'));

const rowArbitrary = fc.record({
  id: fc.uuid(),
  person: fc.option(fc.uuid()),
  groups: fc.array(storableText, { maxLength: 4 }),
  // Years 0001–9999, before and after Postgres's epoch (2000) and the Unix one.
  at: fc.integer({ min: -62_135_596_800_000, max: 253_402_300_799_999 }),
  label: fc.option(storableText),
  ver: fc.option(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 })),
  seq: fc.oneof(fc.constant(0), fc.constant(2 ** 32), fc.maxSafeNat()),
  body: fc.jsonValue().map((value) => JSON.stringify(value)),
});
type Row = typeof rowArbitrary extends fc.Arbitrary<infer T> ? T : never;

/** The rows through the binary writer and COPY, with `person` and `groups` encoded once per row set as ingestion does with a device's fields. */
async function copyBinary(client: pg.PoolClient, table: string, rows: Row[]) {
  const writer = createBinaryCopyWriter(16);
  rows.forEach((row, k) => {
    const fixed = createBinaryCopyWriter(16);
    if (row.person === null) fixed.text(null);
    else fixed.uuid(row.person);
    fixed.textArray(row.groups);
    writer.row(9);
    writer.int4(k);
    writer.uuid(row.id);
    writer.raw(fixed.bytes());
    writer.timestamptz(row.at);
    writer.text(row.label);
    writer.int4(row.ver);
    writer.int8(row.seq);
    writer.text(row.body);
  });
  await pipeline(
    Readable.from(binaryCopyInput(writer.bytes())),
    client.query(copyFrom(`COPY ${table} FROM STDIN (FORMAT binary)`)),
  );
}

/** The same rows through ordinary parameters: the independent reference. */
async function insertRows(client: pg.PoolClient, table: string, rows: Row[]) {
  for (const [k, row] of rows.entries()) {
    await client.query(`INSERT INTO ${table} VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`, [
      k,
      row.id,
      row.person,
      row.groups,
      new Date(row.at).toISOString(),
      row.label,
      row.ver,
      String(row.seq),
      row.body,
    ]);
  }
}

const readBack = (client: pg.PoolClient, table: string) =>
  client
    .query(
      `SELECT k, id, person, groups, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') AS at,
        label, ver, seq::text AS seq, body::text AS body FROM ${table} ORDER BY k`,
    )
    .then((result) => result.rows);

describe('binary COPY writer', () => {
  it('stores exactly what the same values store through ordinary parameters', async () => {
    const client = await pool.connect();
    try {
      await client.query(`CREATE TEMP TABLE copied (${columns})`);
      await client.query(`CREATE TEMP TABLE inserted (${columns})`);
      await fc.assert(
        fc.asyncProperty(fc.array(rowArbitrary, { minLength: 1, maxLength: 20 }), async (rows) => {
          await client.query('TRUNCATE copied, inserted');
          await copyBinary(client, 'copied', rows);
          await insertRows(client, 'inserted', rows);
          expect(await readBack(client, 'copied')).toEqual(await readBack(client, 'inserted'));
        }),
        { numRuns: 60 },
      );
    } finally {
      client.release();
    }
  });

  it('grows past its size hint without losing what it wrote', () => {
    const writer = createBinaryCopyWriter(1);
    const long = 'é'.repeat(50_000);
    writer.row(2);
    writer.text(long);
    writer.int8(2 ** 40 + 7);
    const bytes = writer.bytes();
    expect(bytes.readInt16BE(0)).toBe(2);
    expect(bytes.readInt32BE(2)).toBe(100_000);
    expect(bytes.toString('utf8', 6, 100_006)).toBe(long);
    expect(bytes.readBigInt64BE(100_010)).toBe(2n ** 40n + 7n);
    expect(bytes.length).toBe(100_018);
  });

  it('refuses values it would otherwise write wrong', () => {
    const writer = createBinaryCopyWriter();
    expect(() => writer.uuid('not-a-uuid-0000-0000-000000000000000')).toThrow(TypeError);
    expect(() => writer.uuid('0190a1b2c3d4-7000-8000-000000000000')).toThrow(TypeError);
    expect(() => writer.int4(Number.NaN)).toThrow(TypeError);
    expect(() => writer.int4(1.5)).toThrow(TypeError);
    expect(() => writer.int4(2 ** 31)).toThrow(RangeError);
    expect(() => writer.int8(2 ** 53)).toThrow(TypeError);
    expect(() => writer.timestamptz(Number.NaN)).toThrow(TypeError);
    expect(() => writer.timestamptz(0.5)).toThrow(TypeError);
  });
});

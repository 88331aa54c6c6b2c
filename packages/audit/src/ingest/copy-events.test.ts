import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createTestDatabase, type TestDatabase } from '@parapet/db/testing';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkEvents } from './check-events';
import { copyEventsInput, copyEventsStatement, encodeEventRows } from './copy-events';
import { defaultRetentionDays, ingestEvents } from './ingest-events';
import { StorageUnavailableError } from './ingest-types';
import { makeSampleEvents } from './make-sample-events';
import { prepareRows } from './prepare-rows';

let database: TestDatabase;
let pool: pg.Pool;

beforeAll(async () => {
  database = await createTestDatabase();
  pool = new pg.Pool({ connectionString: database.databaseUrl, max: 2 });
  await pool.query('SELECT audit.ensure_event_partitions(current_date - 1, current_date + 1)');
});

afterAll(async () => {
  await pool.end();
  await database.drop();
});

function newDevice() {
  return { id: randomUUID(), orgId: randomUUID(), personId: randomUUID(), groups: ['eng', 'ops'] };
}

describe('copyEventsInput', () => {
  it('copies the rows it is given, in the order given, each with its own flag', async () => {
    const device = newDevice();
    const events = makeSampleEvents({ device: device.id, count: 5 });
    const { candidates, rejected } = checkEvents({
      events,
      device,
      now: Date.now(),
      retentionDays: defaultRetentionDays,
    });
    expect(rejected).toEqual([]);
    const encoded = encodeEventRows(device, prepareRows(candidates));
    const client = await pool.connect();
    try {
      await pipeline(
        Readable.from(copyEventsInput(encoded, [3, 1], ['gap', 'break'])),
        client.query(copyFrom(copyEventsStatement)),
      );
    } finally {
      client.release();
    }
    const stored = await pool.query(
      `SELECT id, seq::int, chain, person_id, groups, hash,
              encode(sha256(convert_to(body::text, 'UTF8')), 'hex') AS body_hash
         FROM audit.events WHERE device_id = $1 ORDER BY ingest_seq`,
      [device.id],
    );
    expect(stored.rows.map((row) => [row.id, row.seq, row.chain])).toEqual([
      [events[3]?.id, 4, 'gap'],
      [events[1]?.id, 2, 'break'],
    ]);
    for (const row of stored.rows) {
      expect(row.person_id).toBe(device.personId);
      expect(row.groups).toEqual(device.groups);
      expect(row.body_hash).toBe(row.hash);
    }
  });
});

describe('ingestEvents when a COPY keeps failing on a unique violation', () => {
  it('refuses the body for now after its tries, stores nothing of it, and stores it later', async () => {
    const device = newDevice();
    // As if another device stored one of this body's ids between every lookup and COPY: a
    // trigger raises unique_violation for this device's rows, which no lookup can explain.
    await pool.query(`CREATE FUNCTION audit.copy_events_test_taken() RETURNS trigger
      LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'duplicate key value violates unique constraint'
        USING ERRCODE = 'unique_violation'; END $$`);
    await pool.query(`CREATE TRIGGER copy_events_test_taken BEFORE INSERT ON audit.events
      FOR EACH ROW WHEN (NEW.device_id = '${device.id}')
      EXECUTE FUNCTION audit.copy_events_test_taken()`);
    const events = makeSampleEvents({ device: device.id, count: 3 });
    await expect(ingestEvents({ pool, device, events })).rejects.toBeInstanceOf(
      StorageUnavailableError,
    );
    const none = await pool.query(
      'SELECT count(*)::int AS n FROM audit.events WHERE device_id = $1',
      [device.id],
    );
    expect(none.rows[0].n).toBe(0);
    await pool.query('DROP TRIGGER copy_events_test_taken ON audit.events');
    const later = await ingestEvents({ pool, device, events });
    expect(later.accepted).toEqual(events.map((event) => event.id));
    expect(later.rejected).toEqual([]);
  });
});

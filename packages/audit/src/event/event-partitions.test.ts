import { createTestDatabase, type TestDatabase } from '@parapet/db/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The partition bounds are UUIDv7 ids made at midnight UTC: an id made during a day must land in
// that day's partition, and audit.uuid7_floor must agree with how devices build ids.

let database: TestDatabase;
let client: pg.Client;

beforeAll(async () => {
  database = await createTestDatabase();
  client = new pg.Client({ connectionString: database.databaseUrl });
  await client.connect();
});

afterAll(async () => {
  await client.end();
  await database.drop();
});

function uuidV7At(ms: number, tail = '7000-8000-000000000000'): string {
  const hex = ms.toString(16).padStart(12, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8)}-${tail}`;
}

describe('audit.events partitions', () => {
  it('uuid7_floor is the id a device makes at that millisecond, with zero random bits', async () => {
    const at = Date.parse('2026-12-03T16:40:00.123Z');
    const { rows } = await client.query<{ floor: string }>(
      'SELECT audit.uuid7_floor($1::timestamptz)::text AS floor',
      [new Date(at).toISOString()],
    );
    expect(rows[0]?.floor).toBe(uuidV7At(at, '0000-0000-000000000000'));
  });

  it('creates the missing day partitions once, with bounds at midnight UTC', async () => {
    const first = await client.query<{ created: number }>(
      "SELECT audit.ensure_event_partitions('2030-01-01', '2030-01-03') AS created",
    );
    expect(first.rows[0]?.created).toBe(3);
    const again = await client.query<{ created: number }>(
      "SELECT audit.ensure_event_partitions('2030-01-01', '2030-01-03') AS created",
    );
    expect(again.rows[0]?.created).toBe(0);

    const lastMsOfDay = Date.parse('2030-01-02T00:00:00.000Z') - 1;
    const rows = [
      [uuidV7At(Date.parse('2030-01-01T00:00:00.000Z')), 'audit.events_p20300101'],
      [uuidV7At(lastMsOfDay, '7fff-bfff-ffffffffffff'), 'audit.events_p20300101'],
      [uuidV7At(lastMsOfDay + 1), 'audit.events_p20300102'],
    ] as const;
    for (const [id, partition] of rows) {
      const { rows: placed } = await client.query<{ partition: string }>(
        `WITH inserted AS (
           INSERT INTO audit.events (id, org_id, device_id, time, surface, action, decision, mode,
                                     resource, seq, hash, chain, body)
           VALUES ($1, gen_random_uuid(), gen_random_uuid(), now(), 'network', 'connect', 'allow',
                   'enforce', 'a.example', 1, repeat('0', 64), 'first', '{}')
           RETURNING tableoid)
         SELECT tableoid::regclass::text AS partition FROM inserted`,
        [id],
      );
      expect(placed[0]?.partition).toBe(partition);
    }
  });

  it('refuses an event for a day without a partition', async () => {
    await expect(
      client.query(
        `INSERT INTO audit.events (id, org_id, device_id, time, surface, action, decision, mode,
                                   resource, seq, hash, chain, body)
         VALUES ($1, gen_random_uuid(), gen_random_uuid(), now(), 'network', 'connect', 'allow',
                 'enforce', 'a.example', 1, repeat('0', 64), 'first', '{}')`,
        [uuidV7At(Date.parse('2040-06-01T12:00:00.000Z'))],
      ),
    ).rejects.toMatchObject({ code: '23514' });
  });
});

import { createOrg, createTestDatabase, type TestDatabase } from '@parapet/db/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertTestEvents, makeTestEvents, testDeviceId } from '../testing/insert-test-events';
import { computeRetryDelay, rejectedBackoff, retryBackoff } from './compute-retry-delay';
import { type ExportCursor, readExportBatch, readStreamEnds } from './read-export-batch';

let database: TestDatabase;
let db: pg.Pool;
beforeAll(async () => {
  database = await createTestDatabase();
  db = new pg.Pool({ connectionString: database.databaseUrl, max: 4 });
});
afterAll(async () => {
  await db.end();
  await database.drop();
});

const start: ExportCursor = { eventsTx: '0', eventsSeq: '0', activitySeq: 0 };
const idsOf = (records: Awaited<ReturnType<typeof readExportBatch>>['records']) =>
  records.map((record) => (record.kind === 'decision' ? record.event.id : record.id));

describe('readExportBatch', () => {
  it('never reads past a transaction still open, so nothing can commit behind the cursor', async () => {
    const orgId = (await createOrg({ prisma: database.prisma })).id;
    const device = testDeviceId();
    const early = makeTestEvents({ deviceId: device, count: 3 });
    const late = makeTestEvents({ deviceId: device, count: 3, firstSeq: 4 });
    // The early transaction takes its id first and stays open while a later one commits.
    const open = await db.connect();
    try {
      await open.query('BEGIN');
      await open.query('SELECT pg_current_xact_id()');
      await insertTestEvents({ db, orgId, events: late });
      const blocked = await readExportBatch({ db, orgId, cursor: start, limit: 100 });
      expect(blocked.records).toEqual([]);
      expect(blocked.next).toEqual(start);
      const values = early.map((event) => event.id);
      await open.query(
        `INSERT INTO audit.events (id, org_id, device_id, time, surface, action, decision, mode, resource, seq, hash, chain, body)
         SELECT id, $2, $3, now(), 'network', 'connect', 'allow', 'enforce', 'x', 1, repeat('0', 64), 'ok',
                jsonb_build_object('id', id)
           FROM unnest($1::uuid[]) WITH ORDINALITY AS t(id, n) ORDER BY n`,
        [values, orgId, device],
      );
      await open.query('COMMIT');
    } finally {
      open.release();
    }
    const first = await readExportBatch({ db, orgId, cursor: start, limit: 4 });
    expect(idsOf(first.records)).toEqual([...early.map((event) => event.id), late[0]?.id]);
    const second = await readExportBatch({ db, orgId, cursor: first.next, limit: 100 });
    expect(idsOf(second.records)).toEqual(late.slice(1).map((event) => event.id));
    const done = await readExportBatch({ db, orgId, cursor: second.next, limit: 100 });
    expect(done.records).toEqual([]);
  });

  it('orders by the numbers past nine (not as text), one org only, maps the stored facts', async () => {
    const orgId = (await createOrg({ prisma: database.prisma })).id;
    const other = (await createOrg({ prisma: database.prisma })).id;
    const events = await insertTestEvents({
      db,
      orgId,
      events: makeTestEvents({ deviceId: testDeviceId(), count: 12 }),
      groups: ['engineering'],
    });
    await insertTestEvents({
      db,
      orgId: other,
      events: makeTestEvents({ deviceId: testDeviceId(), count: 2 }),
    });
    const batch = await readExportBatch({ db, orgId, cursor: start, limit: 5 });
    const rest = await readExportBatch({ db, orgId, cursor: batch.next, limit: 100 });
    expect(idsOf([...batch.records, ...rest.records])).toEqual(events.map((event) => event.id));
    expect(batch.records[0]).toMatchObject({
      kind: 'decision',
      orgId,
      groups: ['engineering'],
      chain: 'first',
      event: events[0],
    });
    expect(batch.oldestStoredAt).toBeInstanceOf(Date);
  });

  it('starts a new destination at the end of both streams', async () => {
    const orgId = (await createOrg({ prisma: database.prisma })).id;
    await insertTestEvents({
      db,
      orgId,
      events: makeTestEvents({ deviceId: testDeviceId(), count: 3 }),
    });
    const ends = await readStreamEnds({ db, orgId });
    expect((await readExportBatch({ db, orgId, cursor: ends, limit: 100 })).records).toEqual([]);
    const later = await insertTestEvents({
      db,
      orgId,
      events: makeTestEvents({ deviceId: testDeviceId(), count: 2 }),
    });
    const batch = await readExportBatch({ db, orgId, cursor: ends, limit: 100 });
    expect(idsOf(batch.records)).toEqual(later.map((event) => event.id));
  });
});

describe('computeRetryDelay', () => {
  // [failures, random, retryAfterMs, expected]
  const rows: [number, number, number | undefined, number][] = [
    [1, 0.999, undefined, 999],
    [2, 0.5, undefined, 1_000],
    [4, 0.5, undefined, 4_000],
    [30, 0.999, undefined, 59_940],
    [3, 0, undefined, 0],
    [1, 0, 7_000, 7_000],
    [1, 0, 3_600_000, 900_000],
  ];
  it.each(rows)(
    'after %i failures, random %d, Retry-After %s: %i ms',
    (failures, random, retryAfterMs, expected) => {
      expect(
        computeRetryDelay({
          failures,
          backoff: retryBackoff,
          random: () => random,
          ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
        }),
      ).toBe(expected);
    },
  );

  it('backs off refusals from 5 s up to 15 minutes', () => {
    expect(computeRetryDelay({ failures: 1, backoff: rejectedBackoff, random: () => 0.999 })).toBe(
      4_995,
    );
    expect(computeRetryDelay({ failures: 20, backoff: rejectedBackoff, random: () => 0.999 })).toBe(
      899_100,
    );
  });
});

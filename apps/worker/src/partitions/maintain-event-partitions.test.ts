import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkerTestDatabase, type WorkerTestDatabase } from '../testing/worker-test-setup';
import { maintainEventPartitions } from './maintain-event-partitions';

let setup: WorkerTestDatabase;
beforeAll(async () => {
  setup = await createWorkerTestDatabase();
});
afterAll(async () => {
  await setup.db.end();
  await setup.database.drop();
});

const partitions = async () =>
  (
    await setup.db.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'audit' AND c.relname ~ '^events_p[0-9]{8}$' ORDER BY 1`,
    )
  ).rows.map((row) => row.name);

// One clock for the whole file: the template database's partitions were made when it was
// migrated, and a run that crosses midnight UTC must not see two different todays.
const now = new Date();
const isoDay = (offset: number) =>
  new Date(now.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
const day = (offset: number) => `events_p${isoDay(offset).replaceAll('-', '')}`;

describe('maintainEventPartitions', () => {
  it('creates yesterday to three days ahead and drops days past retention, attached or left detached', async () => {
    // Old days: one attached with an event in it, one detached by an interrupted earlier run;
    // and today's partition dropped by hand, so the run has one to create.
    await setup.db.query('SELECT audit.ensure_event_partitions($1, $2)', [
      isoDay(-102),
      isoDay(-100),
    ]);
    await setup.db.query(
      `INSERT INTO audit.events (id, org_id, device_id, time, surface, action, decision, mode, resource, seq, hash, chain, body)
       VALUES (audit.uuid7_floor($1::date + time '12:00'), gen_random_uuid(), gen_random_uuid(), $1::date + time '12:00',
               'network', 'connect', 'allow', 'enforce', 'a.example', 1, repeat('0', 64), 'first', '{}')`,
      [isoDay(-102)],
    );
    await setup.db.query(`ALTER TABLE audit.events DETACH PARTITION audit.${day(-101)}`);
    await setup.db.query('SELECT audit.ensure_event_partitions($1, $2)', [isoDay(-1), isoDay(3)]);
    await setup.db.query(`DROP TABLE audit.${day(3)}`);

    const result = await maintainEventPartitions({ db: setup.db, retentionDays: 90, now });
    expect(result).toEqual({ ran: true, created: 1, dropped: [day(-102), day(-101), day(-100)] });
    const names = await partitions();
    for (const offset of [-1, 0, 1, 2, 3]) expect(names).toContain(day(offset));
    expect(names.filter((name) => name <= day(-100))).toEqual([]);
    const { rows } = await setup.db.query(
      'SELECT 1 FROM audit.events WHERE id < audit.uuid7_floor($1)',
      [isoDay(-99)],
    );
    expect(rows).toEqual([]);
  });

  it('keeps a day until it ended more than the retention ago', async () => {
    // The day 90 days ago ended 89 days and some hours ago: kept at 90 days, dropped at 89.
    await setup.db.query('SELECT audit.ensure_event_partitions($1, $1)', [isoDay(-90)]);
    expect((await maintainEventPartitions({ db: setup.db, retentionDays: 90, now })).ran).toBe(
      true,
    );
    expect(await partitions()).toContain(day(-90));
    const tighter = await maintainEventPartitions({ db: setup.db, retentionDays: 89, now });
    expect(tighter).toMatchObject({ ran: true, dropped: [day(-90)] });
  });

  it('leaves the work to whichever worker holds the lock', async () => {
    const holder = await setup.db.connect();
    try {
      await holder.query("SELECT pg_advisory_lock(hashtext('parapet:event-partitions'))");
      expect(await maintainEventPartitions({ db: setup.db, retentionDays: 90 })).toEqual({
        ran: false,
      });
    } finally {
      await holder.query("SELECT pg_advisory_unlock(hashtext('parapet:event-partitions'))");
      holder.release();
    }
  });
});

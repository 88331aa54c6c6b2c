import { randomUUID } from 'node:crypto';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultMigrationsDir, migrate } from '@parapet/db/migrate';
import { createEmptyDatabase } from '@parapet/db/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashAuditEvent } from '../event/hash-audit-event';
import { ingestEvents } from './ingest-events';
import { makeSampleEvents } from './make-sample-events';

const bodyJsonMigration = '20261204170000_audit_body_json';

let database: Awaited<ReturnType<typeof createEmptyDatabase>>;
let pool: pg.Pool;
let olderMigrations: string;

beforeAll(async () => {
  database = await createEmptyDatabase();
  pool = new pg.Pool({ connectionString: database.databaseUrl, max: 2 });
  olderMigrations = await mkdtemp(join(tmpdir(), 'parapet-migrations-'));
  await cp(defaultMigrationsDir(), olderMigrations, { recursive: true });
  await rm(join(olderMigrations, bodyJsonMigration), { recursive: true });
});

afterAll(async () => {
  await pool.end();
  await database.drop();
  await rm(olderMigrations, { recursive: true, force: true });
});

describe(`migration ${bodyJsonMigration}`, () => {
  it('keeps the bodies stored as jsonb, still verifiable, and the chain goes on after it', async () => {
    const before = await migrate({
      databaseUrl: database.databaseUrl,
      migrationsDir: olderMigrations,
    });
    expect(before.applied).not.toContain(bodyJsonMigration);
    const device = { id: randomUUID(), orgId: randomUUID(), personId: null, groups: ['eng'] };
    const [first, second, third] = makeSampleEvents({ device: device.id, count: 3 });
    // Stored as the build before stored them: each body as jsonb.
    for (const [index, event] of [first, second].entries()) {
      await pool.query(
        `INSERT INTO audit.events (id, org_id, device_id, groups, time, surface, action, decision,
          mode, resource, seq, hash, chain, body)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'resource', $10, $11, $12, $13::jsonb)`,
        [
          event?.id,
          device.orgId,
          device.id,
          device.groups,
          event?.time,
          event?.surface,
          event?.action,
          event?.decision,
          event?.mode,
          event?.seq,
          hashAuditEvent(event as object),
          index === 0 ? 'first' : 'ok',
          JSON.stringify(event),
        ],
      );
    }
    await pool.query(
      `INSERT INTO audit.device_chains (device_id, org_id, last_seq, last_hash, events)
        VALUES ($1, $2, 2, $3, 2)`,
      [device.id, device.orgId, hashAuditEvent(second as object)],
    );

    const after = await migrate({ databaseUrl: database.databaseUrl });
    expect(after.applied).toEqual([bodyJsonMigration]);
    const type = await pool.query(
      `SELECT data_type FROM information_schema.columns
        WHERE table_schema = 'audit' AND table_name = 'events' AND column_name = 'body'`,
    );
    expect(type.rows).toEqual([{ data_type: 'json' }]);

    const stored = await ingestEvents({ pool, device, events: [third] });
    expect(stored).toMatchObject({ accepted: [third?.id], rejected: [] });
    const rows = await pool.query<{ body: object; hash: string; chain: string }>(
      'SELECT body, hash, chain FROM audit.events ORDER BY seq',
    );
    expect(rows.rows.map((row) => row.body)).toEqual([first, second, third]);
    // Verification recomputes each hash from the parsed body, whichever column type stored it.
    expect(rows.rows.map((row) => hashAuditEvent(row.body) === row.hash)).toEqual([
      true,
      true,
      true,
    ]);
    expect(rows.rows.map((row) => row.chain)).toEqual(['first', 'ok', 'ok']);
  });
});

import type { Actor } from '@parapet/accounts';
import { createTestDatabase, type TestDatabase } from '@parapet/db/testing';
import fc from 'fast-check';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SeededAuditOrg, seedAuditOrg, seedEvents } from '../testing/seed-events';
import { advanceRollups } from './advance-rollups';
import { type EventFilters, resolveEventFilters } from './event-filters.schema';
import { exportEvents } from './export-events';
import { getEvent } from './get-event';
import { listDeviceChains } from './list-device-chains';
import { listEvents } from './list-events';
import { computeDashboard, loadDashboard } from './load-dashboard';
import { verifyDeviceChain } from './verify-device-chain';
import { withReadSnapshot } from './with-read-snapshot';

// The dashboards against a real Postgres with seeded events: the rollups must answer exactly
// what counting the raw events answers, for any seed and filter; nothing of another
// organization ever shows; chain verification finds edits and gaps; exports stream every row.

let database: TestDatabase;
let pool: pg.Pool;
const hourMs = 3_600_000;
const now = new Date();

beforeAll(async () => {
  database = await createTestDatabase();
  pool = new pg.Pool({ connectionString: database.databaseUrl, max: 4 });
});

afterAll(async () => {
  await pool.end();
  await database.drop();
});

function auditorOf(org: SeededAuditOrg): Actor {
  return { userId: crypto.randomUUID(), email: 'a@example.com', orgId: org.orgId, role: 'auditor' };
}

async function rollUpEverything(limit: number) {
  let total = 0;
  for (;;) {
    const { events } = await advanceRollups({ pool, limit });
    if (events === 0) return total;
    total += events;
  }
}

async function bothPaths(org: SeededAuditOrg, filters: EventFilters) {
  const resolved = resolveEventFilters({ orgId: org.orgId, filters, now });
  if ('problem' in resolved) throw new Error(resolved.problem.message);
  return withReadSnapshot(pool, async (client) => ({
    rollups: await computeDashboard({ client, filters: resolved }),
    raw: await computeDashboard({ client, filters: resolved, useRollups: false }),
  }));
}

/**
 * Whether scoped rollups can answer a custom range: it is charted by day (over 48 hours) and
 * holds a whole UTC day (scoped rollups count whole days only).
 */
function scopedRollupsFit(filters: EventFilters): boolean {
  const dayMs = 24 * hourMs;
  const from = Math.floor((filters.from as Date).getTime() / hourMs) * hourMs;
  const to = Math.ceil((filters.to as Date).getTime() / hourMs) * hourMs;
  return (
    to - from > 48 * hourMs && Math.ceil(from / dayMs) * dayMs < Math.floor(to / dayMs) * dayMs
  );
}

function withoutSource<Value extends { source: string }>(dashboard: Value) {
  const { source: _source, ...rest } = dashboard;
  return rest;
}

describe('rollups', () => {
  it('answer exactly what the raw events answer, chunk by chunk and with a raw tail', async () => {
    const filterArb = fc.record({
      range: fc.constantFrom('24h' as const, '7d' as const, '30d' as const, 'custom' as const),
      surface: fc.constantFrom(
        undefined,
        'network' as const,
        'filesystem' as const,
        'mcp' as const,
      ),
      decision: fc.constantFrom(undefined, 'allow' as const, 'deny' as const, 'ask' as const),
      mode: fc.constantFrom(undefined, 'enforce' as const, 'audit' as const),
      // Scoped rollups answer a group or a rule; a person, a device or both scopes are raw.
      group: fc.constantFrom(undefined, undefined, 'engineering', 'platform'),
      rule: fc.constantFrom(undefined, undefined, 'github', 'no-shell'),
      who: fc.constantFrom('anyone', 'anyone', 'anyone', 'person', 'device'),
      startHours: fc.integer({ min: 1, max: 80 }),
      lengthHours: fc.integer({ min: 1, max: 70 }),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 7, max: 200 }),
        fc.array(filterArb, { minLength: 6, maxLength: 6 }),
        async (seed, chunk, filterRuns) => {
          const org = await seedAuditOrg({ prisma: database.prisma, people: 3, devices: 5 });
          const from = new Date(now.getTime() - 80 * hourMs);
          await seedEvents({ pool, devices: org.devices, count: 400, from, to: now, seed });
          await rollUpEverything(chunk);
          // Events after the cursor: the dashboards add them from the raw table.
          await seedEvents({
            pool,
            devices: org.devices,
            count: 60,
            from,
            to: now,
            seed: seed + 1,
          });
          for (const run of filterRuns) {
            const customFrom = new Date(now.getTime() - run.startHours * hourMs - 1234);
            const filters: EventFilters = {
              range: run.range,
              surface: run.surface,
              decision: run.decision,
              mode: run.mode,
              group: run.group,
              rule: run.rule,
              person: run.who === 'person' ? org.people[0]?.id : undefined,
              device: run.who === 'device' ? org.devices[1]?.id : undefined,
              ...(run.range === 'custom'
                ? {
                    from: customFrom,
                    to: new Date(customFrom.getTime() + run.lengthHours * hourMs),
                  }
                : {}),
            };
            const { rollups, raw } = await bothPaths(org, filters);
            const scoped = run.group !== undefined || run.rule !== undefined;
            const rollupsAnswer =
              run.who === 'anyone' &&
              !(run.group && run.rule) &&
              !(
                scoped &&
                (run.range === '24h' || (run.range === 'custom' && !scopedRollupsFit(filters)))
              );
            expect(rollups.source).toBe(rollupsAnswer ? 'rollups' : 'events');
            expect(raw.source).toBe('events');
            expect(withoutSource(rollups)).toEqual(withoutSource(raw));
          }
        },
      ),
      { numRuns: 6 },
    );
  });

  it('count every event once across orgs, and the 7-day totals are the org’s own events', async () => {
    const a = await seedAuditOrg({ prisma: database.prisma });
    const b = await seedAuditOrg({ prisma: database.prisma });
    const from = new Date(now.getTime() - 48 * hourMs);
    await seedEvents({ pool, devices: a.devices, count: 500, from, to: now, seed: 11 });
    await seedEvents({ pool, devices: b.devices, count: 300, from, to: now, seed: 12 });
    await rollUpEverything(1_000);
    const dashboard = await loadDashboard({ pool, actor: auditorOf(a), input: {}, now });
    expect(dashboard.source).toBe('rollups');
    expect(dashboard.totals.events).toBe(500);
    const deviceKeys = dashboard.breakdowns.device.map((row) => row.key);
    const bDevices = new Set(b.devices.map((device) => device.id));
    expect(deviceKeys.some((key) => bDevices.has(key))).toBe(false);
    expect(deviceKeys.length).toBeGreaterThan(0);
  });
});

describe('the events list and a single event', () => {
  it('filter by person, device, group and rule, page by keyset, and stay in the org', async () => {
    const a = await seedAuditOrg({ prisma: database.prisma });
    const b = await seedAuditOrg({ prisma: database.prisma });
    const from = new Date(now.getTime() - 20 * hourMs);
    await seedEvents({ pool, devices: a.devices, count: 300, from, to: now, seed: 21 });
    await seedEvents({ pool, devices: b.devices, count: 300, from, to: now, seed: 22 });
    const actor = auditorOf(a);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listEvents({
        pool,
        actor,
        input: { range: '24h', limit: 70, cursor },
        now,
      });
      seen.push(...page.events.map((event) => event.id));
      for (const event of page.events) expect(event.hostname).toMatch(/^host-/);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toHaveLength(300);
    expect(new Set(seen).size).toBe(300);
    const { rows } = await pool.query<{ id: string }>(
      'SELECT id FROM audit.events WHERE org_id = $1 ORDER BY time DESC, id DESC',
      [a.orgId],
    );
    expect(seen).toEqual(rows.map((row) => row.id));

    const device = a.devices[0]?.id ?? '';
    const person = a.people[0]?.id ?? '';
    const group = a.groups[1] ?? '';
    const cases = [
      { input: { device }, check: `device_id = '${device}'` },
      { input: { person }, check: `person_id = '${person}'` },
      { input: { group }, check: `groups @> ARRAY['${group}']` },
      {
        input: { rule: 'github', surface: 'network' as const },
        check: `rule_id = 'github' AND surface = 'network'`,
      },
    ];
    for (const { input, check } of cases) {
      const page = await listEvents({
        pool,
        actor,
        input: { range: '24h', limit: 500, ...input },
        now,
      });
      const expected = await pool.query(
        `SELECT count(*)::int AS n FROM audit.events WHERE org_id = $1 AND ${check}`,
        [a.orgId],
      );
      expect(page.events.length, check).toBe(expected.rows[0].n);
      expect(page.events.length, check).toBeGreaterThan(0);
    }
    // Another org's device as a filter finds nothing, and its event is not found.
    const foreign = await listEvents({
      pool,
      actor,
      input: { range: '24h', device: b.devices[0]?.id },
      now,
    });
    expect(foreign.events).toEqual([]);
    const bEvent = await pool.query<{ id: string }>(
      'SELECT id FROM audit.events WHERE org_id = $1 LIMIT 1',
      [b.orgId],
    );
    await expect(
      getEvent({ pool, actor, input: { id: bEvent.rows[0]?.id ?? '' } }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const own = await getEvent({ pool, actor, input: { id: seen[5] ?? '' } });
    expect(own).toMatchObject({ id: seen[5], hashMatches: true });
    expect(own.body.id).toBe(seen[5]);
  });

  it('refuse a custom range without an end and a malformed cursor, naming the field', async () => {
    const a = await seedAuditOrg({ prisma: database.prisma });
    const actor = auditorOf(a);
    await expect(
      listEvents({ pool, actor, input: { range: 'custom', from: '2026-05-01T00:00' } }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT', fieldErrors: { to: expect.any(Array) } });
    await expect(listEvents({ pool, actor, input: { cursor: 'x' } })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      fieldErrors: { cursor: expect.any(Array) },
    });
  });
});

describe('chain verification', () => {
  it('passes a seeded chain, then finds an edited body and a deleted event', async () => {
    const org = await seedAuditOrg({ prisma: database.prisma, devices: 1, people: 1 });
    const from = new Date(now.getTime() - 5 * hourMs);
    await seedEvents({ pool, devices: org.devices, count: 4_500, from, to: now, seed: 31 });
    const actor = auditorOf(org);
    const device = org.devices[0]?.id ?? '';
    const intact = await verifyDeviceChain({ pool, actor, input: { device } });
    expect(intact).toMatchObject({
      outcome: 'intact',
      checked: 4_500,
      firstSeq: 1,
      lastSeq: 4_500,
    });

    await pool.query(
      `UPDATE audit.events SET body = (body::jsonb || '{"user": "mallory"}')::json
        WHERE device_id = $1 AND seq = 2_100`,
      [device],
    );
    await pool.query('DELETE FROM audit.events WHERE device_id = $1 AND seq IN (3000, 3001)', [
      device,
    ]);
    const broken = await verifyDeviceChain({ pool, actor, input: { device } });
    expect(broken.outcome).toBe('problems');
    expect(broken.firstProblem).toMatchObject({ kind: 'edited', seq: 2_100 });
    expect(broken.problems).toMatchObject({ edited: 1, break: 1, gap: 1, fork: 0 });
    expect(broken.checked).toBe(4_498);

    const other = await seedAuditOrg({ prisma: database.prisma });
    await expect(
      verifyDeviceChain({ pool, actor: auditorOf(other), input: { device } }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const chains = await listDeviceChains({ pool, actor, input: {} });
    expect(chains.devices).toHaveLength(1);
    expect(chains.devices[0]).toMatchObject({ deviceId: device, state: 'ok', lastSeq: 4_500 });
    expect((await listDeviceChains({ pool, actor: auditorOf(other) })).devices).toEqual([]);
  });
});

async function readAll(body: ReadableStream<Uint8Array>): Promise<string> {
  const decoder = new TextDecoder();
  let text = '';
  for await (const chunk of body) text += decoder.decode(chunk, { stream: true });
  return text + decoder.decode();
}

describe('export', () => {
  it('streams every filtered event in order as CSV and as NDJSON, with the total first', async () => {
    const a = await seedAuditOrg({ prisma: database.prisma });
    const b = await seedAuditOrg({ prisma: database.prisma });
    const from = new Date(now.getTime() - 30 * hourMs);
    await seedEvents({ pool, devices: a.devices, count: 2_600, from, to: now, seed: 41 });
    await seedEvents({ pool, devices: b.devices, count: 200, from, to: now, seed: 42 });
    await rollUpEverything(5_000);
    const actor = auditorOf(a);
    const csv = await exportEvents({
      pool,
      actor,
      input: { range: '7d', format: 'csv' },
      now,
    }).start();
    expect(csv.total).toBe(2_600);
    const lines = (await readAll(csv.body)).split('\r\n');
    expect(lines.at(-1)).toBe('');
    expect(lines[0]).toBe(
      'id,time,received_at,device_id,hostname,person_id,person_email,groups,surface,action,decision,mode,resource,rule_id,rule_layer,ver,seq,chain,hash',
    );
    const ids = lines.slice(1, -1).map((line) => line.split(',')[0]);
    const { rows } = await pool.query<{ id: string }>(
      'SELECT id FROM audit.events WHERE org_id = $1 ORDER BY time, id',
      [a.orgId],
    );
    expect(ids).toEqual(rows.map((row) => row.id));

    const denied = exportEvents({
      pool,
      actor,
      input: { range: '7d', format: 'ndjson', decision: 'deny', surface: 'network' },
      now,
    });
    expect(denied.filename).toMatch(/\.ndjson$/);
    const started = await denied.start();
    const records = (await readAll(started.body))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(records.length).toBe(started.total);
    expect(records.length).toBeGreaterThan(0);
    for (const record of records) {
      expect(record).toMatchObject({ kind: 'decision', orgId: a.orgId });
      expect(record.event).toMatchObject({ decision: 'deny', surface: 'network' });
    }
  });

  it('gives its connection back when the reader stops early', async () => {
    const a = await seedAuditOrg({ prisma: database.prisma });
    const from = new Date(now.getTime() - 3 * hourMs);
    await seedEvents({ pool, devices: a.devices, count: 3_000, from, to: now, seed: 51 });
    const started = await exportEvents({ pool, actor: auditorOf(a), input: {}, now }).start();
    const reader = started.body.getReader();
    await reader.read();
    await reader.cancel();
    expect(pool.totalCount - pool.idleCount).toBe(0);
  });
});

import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Actor } from '@parapet/accounts';
import {
  advanceRollups,
  getEvent,
  listDeviceChains,
  listEvents,
  loadDashboard,
} from '@parapet/audit/dashboards';
import { type SeededAuditOrg, seedAuditOrg, seedEvents } from '@parapet/audit/testing';
import { createPrismaClient, parseDbEnv } from '@parapet/db';
import { migrate } from '@parapet/db/migrate';
import { startDatabase } from '@parapet/db/runtime';
import pg from 'pg';

// The dashboard half of `pnpm bench:export`: EVENTS events stored by COPY over the last 30 days
// (one big organization with most of them, three small ones beside it), the rollup job run to
// completion, then each main view of the compliance dashboards timed RUNS times through the
// domain functions the console's pages call (the server's work for a page, without the
// browser). Run alone: `pnpm --filter @parapet/bench exec tsx export/measure-dashboards.ts`;
// the last line is JSON. Target from the issue: main views under 500 ms over 10 million events.

const dayMs = 86_400_000;
const log = (text: string) => process.stderr.write(`${text}\n`);

export type DashboardFigures = {
  storedEvents: number;
  seedSeconds: number;
  rollupSeconds: number;
  views: Record<string, { p50Ms: number; p95Ms: number }>;
  /** p95 over every timed run of the main views together. */
  dashboardP95Ms: number;
  /** Views the rollups do not answer by design, read from raw events (reported, not in the p95). */
  secondaryViews: Record<string, { p50Ms: number; p95Ms: number }>;
};

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? Number.NaN;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function seed(databaseUrl: string, pool: pg.Pool, events: number) {
  const prisma = createPrismaClient({ databaseUrl, maxConnections: 2 });
  try {
    const big = await seedAuditOrg({
      prisma,
      name: 'Bench big org',
      people: 400,
      devices: 500,
      groups: ['engineering', 'finance', 'platform', 'data', 'security', 'sales', 'support', 'it'],
    });
    const small = [];
    for (let index = 0; index < 3; index += 1) {
      small.push(
        await seedAuditOrg({ prisma, name: `Bench org ${index}`, people: 20, devices: 30 }),
      );
    }
    const to = new Date();
    const from = new Date(to.getTime() - 30 * dayMs);
    const smallCount = Math.floor(events * 0.03);
    const started = performance.now();
    let stored = 0;
    for (const [index, org] of small.entries()) {
      stored += (
        await seedEvents({
          pool,
          devices: org.devices,
          count: smallCount,
          from,
          to,
          seed: index + 2,
        })
      ).stored;
    }
    const bigCount = events - stored;
    // In slices, so progress shows and no single COPY transaction holds 10 million rows.
    const slices = 10;
    for (let slice = 0; slice < slices; slice += 1) {
      const sliceFrom = new Date(
        from.getTime() + ((to.getTime() - from.getTime()) * slice) / slices,
      );
      const sliceTo = new Date(
        from.getTime() + ((to.getTime() - from.getTime()) * (slice + 1)) / slices,
      );
      const count = Math.floor(bigCount / slices) + (slice === slices - 1 ? bigCount % slices : 0);
      stored += (
        await seedEvents({
          pool,
          devices: big.devices,
          count,
          from: sliceFrom,
          to: sliceTo,
          seed: 100 + slice,
        })
      ).stored;
      log(
        `seeded ${stored.toLocaleString('en')} events (${((performance.now() - started) / 1000).toFixed(0)} s)`,
      );
    }
    const seedSeconds = (performance.now() - started) / 1000;
    await pool.query('ANALYZE audit.events');
    return { big, stored, seedSeconds };
  } finally {
    await prisma.$disconnect();
  }
}

/**
 * A database this bench seeded before (its big organization and event count), so a run that
 * was stopped after seeding can go on with PARAPET_BENCH_DATABASE_URL; null when there is none.
 */
async function readSeeded(pool: pg.Pool) {
  const { rows } = await pool.query<{ id: string }>(
    `SELECT id FROM organizations WHERE name = 'Bench big org'`,
  );
  const orgId = rows[0]?.id;
  if (!orgId) return null;
  const people = await pool.query<{ id: string; email: string }>(
    'SELECT id, email FROM people WHERE org_id = $1 ORDER BY email',
    [orgId],
  );
  const devices = await pool.query<{ id: string; person_id: string | null; groups: string[] }>(
    'SELECT id, person_id, groups FROM devices WHERE org_id = $1 ORDER BY hostname',
    [orgId],
  );
  const groups = await pool.query<{ name: string }>(
    'SELECT name FROM policy_groups WHERE org_id = $1 ORDER BY created_at, name',
    [orgId],
  );
  const count = await pool.query<{ n: string }>('SELECT count(*) AS n FROM audit.events');
  const big: SeededAuditOrg = {
    orgId,
    people: people.rows,
    groups: groups.rows.map((row) => row.name),
    devices: devices.rows.map((row) => ({
      id: row.id,
      orgId,
      personId: row.person_id,
      groups: row.groups,
    })),
  };
  log(`measuring the ${Number(count.rows[0]?.n).toLocaleString('en')} events already stored`);
  return { big, stored: Number(count.rows[0]?.n ?? 0), seedSeconds: Number.NaN };
}

async function timeView(run: () => Promise<unknown>, runs: number): Promise<number[]> {
  await run();
  const times: number[] = [];
  for (let index = 0; index < runs; index += 1) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b);
}

function views(pool: pg.Pool, big: SeededAuditOrg, sampleEventId: string) {
  const actor: Actor = {
    userId: big.orgId,
    email: 'bench@example.com',
    orgId: big.orgId,
    role: 'auditor',
  };
  const person = big.people[7]?.id;
  const device = big.devices[11]?.id;
  // The seeded devices are in the first three groups: the second holds two devices in three.
  const group = big.groups[1];
  // The rule that decides most events (seed-events.ts picks the first rules most).
  const rule = 'github';
  const dashboard = (input: Parameters<typeof loadDashboard>[0]['input']) => () =>
    loadDashboard({ pool, actor, input });
  const main = {
    'dashboard 24h': dashboard({ range: '24h' }),
    'dashboard 7d': dashboard({ range: '7d' }),
    'dashboard 30d': dashboard({ range: '30d' }),
    'dashboard 7d network deny': dashboard({ range: '7d', surface: 'network', decision: 'deny' }),
    'dashboard 30d audit mode': dashboard({ range: '30d', mode: 'audit' }),
    'dashboard 7d one person': dashboard({ range: '7d', person }),
    'dashboard 7d one device': dashboard({ range: '7d', device }),
    'dashboard 7d one group': dashboard({ range: '7d', group }),
    'dashboard 30d one group': dashboard({ range: '30d', group }),
    'dashboard 7d one rule': dashboard({ range: '7d', rule }),
    'events 7d first page': () => listEvents({ pool, actor, input: { range: '7d' } }),
    'events 7d mcp deny': () =>
      listEvents({ pool, actor, input: { range: '7d', surface: 'mcp', decision: 'deny' } }),
    'events 7d one person': () => listEvents({ pool, actor, input: { range: '7d', person } }),
    'device chains': () => listDeviceChains({ pool, actor }),
    'one event': () => getEvent({ pool, actor, input: { id: sampleEventId } }),
  };
  // Views the rollups do not answer by design and which read raw events: an hourly chart of a
  // group (scoped rollups are whole days), and a group and a rule together.
  const secondary = {
    'dashboard 24h one group': dashboard({ range: '24h', group }),
    'dashboard 7d group and rule': dashboard({ range: '7d', group, rule }),
  };
  return { main, secondary };
}

/** Seeds `events` events into the database at `databaseUrl`, rolls them up, times the views. */
export async function measureDashboards({
  databaseUrl,
  events = 10_000_000,
  runs = 25,
}: {
  databaseUrl: string;
  events?: number;
  runs?: number;
}): Promise<DashboardFigures> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 4 });
  try {
    const { big, stored, seedSeconds } =
      (await readSeeded(pool)) ?? (await seed(databaseUrl, pool, events));
    const rollupStarted = performance.now();
    for (let counted = 0; ; ) {
      const { events: step } = await advanceRollups({ pool, limit: 100_000 });
      if (step === 0) break;
      counted += step;
      if (counted % 1_000_000 < step) log(`rolled up ${counted.toLocaleString('en')} events`);
    }
    const rollupSeconds = (performance.now() - rollupStarted) / 1000;
    await pool.query('ANALYZE audit.event_rollups');
    const sample = await pool.query<{ id: string }>(
      `SELECT id FROM audit.events WHERE org_id = $1 AND time > now() - interval '2 days' LIMIT 1`,
      [big.orgId],
    );
    const { main, secondary } = views(pool, big, sample.rows[0]?.id ?? '');
    const figures = async (set: Record<string, () => Promise<unknown>>, all: number[]) => {
      const result: Record<string, { p50Ms: number; p95Ms: number }> = {};
      for (const [name, run] of Object.entries(set)) {
        const times = await timeView(run, runs);
        all.push(...times);
        result[name] = {
          p50Ms: round(percentile(times, 0.5)),
          p95Ms: round(percentile(times, 0.95)),
        };
        log(`${name.padEnd(30)} p50 ${result[name].p50Ms} ms, p95 ${result[name].p95Ms} ms`);
      }
      return result;
    };
    const mainTimes: number[] = [];
    const viewFigures = await figures(main, mainTimes);
    const secondaryFigures = await figures(secondary, []);
    mainTimes.sort((a, b) => a - b);
    return {
      storedEvents: stored,
      seedSeconds: round(seedSeconds),
      rollupSeconds: round(rollupSeconds),
      views: viewFigures,
      dashboardP95Ms: round(percentile(mainTimes, 0.95)),
      secondaryViews: secondaryFigures,
    };
  } finally {
    await pool.end();
  }
}

const round = (value: number) => Math.round(value * 10) / 10;

async function main() {
  const events = Number(process.env.PARAPET_BENCH_EVENTS ?? 10_000_000);
  const existing = process.env.PARAPET_BENCH_DATABASE_URL;
  if (existing) {
    const result = await measureDashboards({ databaseUrl: existing, events });
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return;
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'parapet-bench-dashboards-'));
  chmodSync(dataDir, 0o711);
  const env = { ...parseDbEnv(), PARAPET_DB_PORT: await freePort() };
  const database = await startDatabase({ dataDir, env });
  try {
    await migrate({ databaseUrl: database.url });
    const result = await measureDashboards({ databaseUrl: database.url, events });
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    await database.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await main();
}

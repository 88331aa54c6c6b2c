import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { Agent } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { seedAuditOrg } from '@parapet/audit/testing';
import { createPrismaClient, parseDbEnv } from '@parapet/db';
import { migrate } from '@parapet/db/migrate';
import { configureMasterKey, startDatabase } from '@parapet/db/runtime';
import { createDeviceAccessToken } from '@parapet/distribution';
import pg from 'pg';
import { postBody } from '../shared/post-body';
import { postgresCpuSeconds, processCpuSeconds } from '../shared/process-cpu';
import { copyInputFor, copyRows } from './copy-rows';
import { type DeviceBatches, makeBatches } from './make-batches';
import { startBenchEdge } from './start-edge';

// `pnpm bench:ingest`: audit events durably stored per second through POST /v1/events (the built
// edge, its own process, on an embedded Postgres), against raw COPY of as many equivalent rows
// (same columns, same table, fresh ids) in the same run. DEVICES devices upload BATCHES bodies
// of SIZE chained events each, all at once; the figure is rows counted in audit.events after the
// last 200, over the wall time. Last line: one JSON object. Targets: ≥ 50,000 events/s and
// ≥ 0.5× COPY.
const DEVICES = Number(process.env.PARAPET_BENCH_DEVICES ?? 50);
const BATCHES = Number(process.env.PARAPET_BENCH_BATCHES ?? 8);
const SIZE = Number(process.env.PARAPET_BENCH_BATCH_SIZE ?? 1000);
const COPY_STREAMS = Number(process.env.PARAPET_BENCH_COPY_STREAMS ?? 2);
const repoRoot = resolve(import.meta.dirname, '../..');
const log = (text: string) => process.stderr.write(`${text}\n`);

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? done(address.port) : fail()));
    });
  });
}

/** CPU microseconds per event between two readings of a CPU-seconds counter, null if unread. */
function microsPerEvent(before: number | null, after: number | null, events: number) {
  return before === null || after === null ? null : Math.round(((after - before) * 1e6) / events);
}

/** This process's CPU seconds (user plus system). */
function ownCpuSeconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}

async function countRows(pool: pg.Pool): Promise<number> {
  return Number((await pool.query('SELECT count(*) AS n FROM audit.events')).rows[0].n);
}

let busyAnswers = 0;

// node:http with keep-alive rather than fetch: the client shares the two CPUs with the edge and
// Postgres, and undici's fetch cost it 10–15% of a CPU at this rate. One keep-alive socket per
// device (its bodies go one after another).
const agents = new Map<string, Agent>();

function agentOf(token: string): Agent {
  let agent = agents.get(token);
  if (agent === undefined) {
    agent = new Agent({ keepAlive: true, maxSockets: 1 });
    agents.set(token, agent);
  }
  return agent;
}

/** Each device sends its bodies one after another; all devices at once. A 503 is retried. */
async function upload(url: string, fleet: DeviceBatches[]): Promise<void> {
  await Promise.all(
    fleet.map(async ({ token, bodies }) => {
      for (const body of bodies) {
        let answer: { status: number; text: string };
        for (;;) {
          answer = await postBody({
            url: `${url}/v1/events`,
            body,
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            agent: agentOf(token),
          });
          if (answer.status !== 503) break;
          busyAnswers += 1;
          await new Promise((done) => setTimeout(done, 1000));
        }
        const parsed = JSON.parse(answer.text) as { rejected?: unknown[] };
        if (answer.status !== 200 || (parsed.rejected?.length ?? 0) > 0) {
          throw new Error(`POST /v1/events: ${answer.status} ${answer.text.slice(0, 300)}`);
        }
      }
    }),
  );
}

const dataDir = mkdtempSync(join(tmpdir(), 'parapet-bench-ingest-'));
chmodSync(dataDir, 0o711);
const database = await startDatabase({
  dataDir,
  env: { ...parseDbEnv(), PARAPET_DB_PORT: await freePort() },
});
const masterKey = randomBytes(32);
configureMasterKey({ key: masterKey });
const pool = new pg.Pool({ connectionString: database.url, max: 4 });
// An idle client whose connection Postgres ends (the database stopping at the end of the run)
// must not crash the bench after its figures are printed: the pool drops such a client.
pool.on('error', () => undefined);
let edge: Awaited<ReturnType<typeof startBenchEdge>> | undefined;
try {
  await migrate({ databaseUrl: database.url });
  const prisma = createPrismaClient({ databaseUrl: database.url, maxConnections: 2 });
  const seeded = await seedAuditOrg({ prisma, devices: DEVICES + 1, people: 10 });
  await prisma.$disconnect();
  const devices = seeded.devices.map((device) => ({
    ...device,
    token: createDeviceAccessToken({ deviceId: device.id, orgId: seeded.orgId }).accessToken,
  }));
  edge = await startBenchEdge({
    repoRoot,
    databaseUrl: database.url,
    masterKey,
    port: await freePort(),
  });
  log(
    `edge ${edge.url} (pid ${edge.pid}); making ${DEVICES} × ${BATCHES} bodies of ${SIZE} events…`,
  );
  const [warmDevice, ...fleetDevices] = devices;
  // A warm-up device: the edge's code is compiled and its connections open before the clock.
  await upload(
    edge.url,
    makeBatches({ devices: [warmDevice as (typeof devices)[0]], batches: 3, size: SIZE }),
  );
  const fleet = makeBatches({ devices: fleetDevices, batches: BATCHES, size: SIZE });
  const bodyBytes = fleet.reduce(
    (sum, device) => sum + device.bodies.reduce((s, b) => s + b.length, 0),
    0,
  );
  log(
    `${fleet.length * BATCHES} bodies, ${Math.round(bodyBytes / (fleet.length * BATCHES) / 1024)} KiB each; uploading…`,
  );
  const before = await countRows(pool);
  // Where the CPU went, beside the rate: the machine's two CPUs are shared by this client, the
  // edge and Postgres, and CPU time per event holds still when a noisy machine moves the rates.
  const cpuBefore = {
    edge: processCpuSeconds(edge.pid),
    postgres: postgresCpuSeconds(dataDir),
    client: ownCpuSeconds(),
  };
  const started = performance.now();
  await upload(edge.url, fleet);
  const seconds = (performance.now() - started) / 1000;
  const stored = (await countRows(pool)) - before;
  const cpu = {
    edgeUsPerEvent: microsPerEvent(cpuBefore.edge, processCpuSeconds(edge.pid), stored),
    postgresUsPerEvent: microsPerEvent(cpuBefore.postgres, postgresCpuSeconds(dataDir), stored),
    clientUsPerEvent: microsPerEvent(cpuBefore.client, ownCpuSeconds(), stored),
    copyPostgresUsPerRow: null as number | null,
    copyClientUsPerRow: null as number | null,
  };
  const expected = DEVICES * BATCHES * SIZE;
  if (stored !== expected) throw new Error(`stored ${stored} events, expected ${expected}`);
  const eventsPerSec = Math.round(stored / seconds);
  log(`POST /v1/events: ${stored} events in ${seconds.toFixed(2)} s = ${eventsPerSec}/s`);
  for (const agent of agents.values()) agent.destroy();
  await edge.stop();
  edge = undefined;

  log('making the COPY rows…');
  const chunks = fleet.flatMap((device, i) => {
    const facts = seeded.devices[i + 1] as (typeof seeded.devices)[0];
    return copyInputFor({ bodies: device.bodies, orgId: seeded.orgId, device: facts });
  });
  const copyBefore = await countRows(pool);
  const copyCpuBefore = { postgres: postgresCpuSeconds(dataDir), client: ownCpuSeconds() };
  const copyStarted = performance.now();
  await copyRows(pool, chunks, COPY_STREAMS);
  const copySeconds = (performance.now() - copyStarted) / 1000;
  const copied = (await countRows(pool)) - copyBefore;
  cpu.copyPostgresUsPerRow = microsPerEvent(
    copyCpuBefore.postgres,
    postgresCpuSeconds(dataDir),
    copied,
  );
  cpu.copyClientUsPerRow = microsPerEvent(copyCpuBefore.client, ownCpuSeconds(), copied);
  const copyEventsPerSec = Math.round(copied / copySeconds);
  log(
    `COPY (${COPY_STREAMS} streams): ${copied} rows in ${copySeconds.toFixed(2)} s = ${copyEventsPerSec}/s`,
  );
  const ratioVsCopy = Math.round((eventsPerSec / copyEventsPerSec) * 100) / 100;
  log(`ratio: ${ratioVsCopy}× (targets: ≥ 0.5× COPY, ≥ 50,000 events/s)`);
  log(
    `CPU µs per event: edge ${cpu.edgeUsPerEvent}, Postgres ${cpu.postgresUsPerEvent}, client ${cpu.clientUsPerEvent}; per COPY row: Postgres ${cpu.copyPostgresUsPerRow}, client ${cpu.copyClientUsPerRow}`,
  );
  console.log(
    JSON.stringify({
      eventsPerSec,
      copyEventsPerSec,
      ratioVsCopy,
      storedEvents: stored,
      seconds: Math.round(seconds * 100) / 100,
      devices: DEVICES,
      batchSize: SIZE,
      batchesPerDevice: BATCHES,
      copyStreams: COPY_STREAMS,
      busyAnswers,
      cpu,
    }),
  );
} finally {
  await edge?.stop();
  await pool.end();
  await database.stop();
  rmSync(dataDir, { recursive: true, force: true });
}

import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { expectStatus } from '../publish/admin-api';
import {
  type EnrolledDevice,
  enrollBenchDevice,
  startBenchFleet,
} from '../shared/start-bench-fleet';
import { startHecSink } from './hec-sink';
import { sendSteadyEvents } from './send-steady-events';

// `pnpm bench:export`: Parapet as `pnpm start` runs it (console, edge, worker, embedded
// Postgres), one Splunk HEC destination pointing at a local intake, DEVICES devices uploading a
// steady RATE events/s through POST /v1/events for SECONDS. The figure is each event's lag from
// its stamping on the device (just before upload) to its arrival at the HEC intake: p50, p99,
// max, and how many acknowledged events arrived (all of them, once or more). Target from the
// issue: p99 lag < 5 s at 10,000 events/s. Then the dashboard half (measure-dashboards.ts, in a
// process and database of its own): the main compliance views over 10 million stored events,
// target p95 < 500 ms. Last line: one JSON object with both.
const RATE = Number(process.env.PARAPET_BENCH_RATE ?? 10_000);
const SECONDS = Number(process.env.PARAPET_BENCH_SECONDS ?? 60);
const DEVICES = Number(process.env.PARAPET_BENCH_DEVICES ?? 50);
// Uploads per device per second. parapet-agent's watch uploads a device's buffer within 5 s of
// the first event (at once when a batch of 1,000 is full): one a second is five times as often.
const TICKS = Number(process.env.PARAPET_BENCH_TICKS ?? 1);
const repoRoot = resolve(import.meta.dirname, '../..');
const log = (text: string) => process.stderr.write(`${text}\n`);

const percentile = (sorted: number[], p: number) =>
  sorted.length === 0
    ? Number.NaN
    : (sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] as number);

export async function measureExportLag() {
  const token = randomBytes(16).toString('hex');
  const sink = await startHecSink({ token });
  const fleet = await startBenchFleet({ repoRoot });
  try {
    const created = await fleet.api.postJson('/destinations', {
      type: 'splunk-hec',
      name: 'bench HEC',
      url: sink.url,
      token,
    });
    expectStatus('POST /destinations', created, [201]);
    const devices: EnrolledDevice[] = [];
    for (let index = 0; index < DEVICES; index++) {
      devices.push(
        // Enrollment is rate-limited per address: spread the fleet over loopback addresses.
        await enrollBenchDevice({
          edgeUrl: fleet.edgeUrl,
          token: fleet.enrollmentToken,
          index,
          localAddress: `127.0.1.${2 + index}`,
        }),
      );
    }
    log(`sending ${RATE} events/s from ${DEVICES} devices for ${SECONDS} s…`);
    const load = await sendSteadyEvents({
      edgeUrl: fleet.edgeUrl,
      devices,
      eventsPerSecond: RATE,
      seconds: SECONDS,
      ticksPerSecond: TICKS,
    });
    log(
      `offered ${Math.round(load.sentPerSecond)} events/s; ${load.acknowledged.size} acknowledged, ${load.failedRequests} failed requests`,
    );
    const drainDeadline = Date.now() + 120_000;
    const missing = () => [...load.acknowledged].filter((id) => !sink.arrivals.has(id)).length;
    while (missing() > 0 && Date.now() < drainDeadline) {
      await new Promise((done) => setTimeout(done, 500));
    }
    const lags = [...sink.lagsMs].sort((a, b) => a - b);
    const duplicates = [...sink.arrivals.values()].filter((count) => count > 1).length;
    return {
      offeredEventsPerSec: Math.round(load.sentPerSecond),
      acknowledged: load.acknowledged.size,
      delivered: sink.arrivals.size,
      missing: missing(),
      duplicates,
      violations: sink.violations.length,
      lagP50Ms: Math.round(percentile(lags, 0.5)),
      lagP99Ms: Math.round(percentile(lags, 0.99)),
      lagMaxMs: Math.round(lags.at(-1) ?? Number.NaN),
    };
  } finally {
    await fleet.stop();
    await sink.close();
  }
}

/** Runs measure-dashboards.ts as its own process (its own embedded Postgres) and reads its last line. */
function measureDashboardsApart(): Promise<Record<string, unknown>> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', resolve(import.meta.dirname, 'measure-dashboards.ts')],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      const last = output.trim().split('\n').at(-1) ?? '';
      if (code !== 0) return reject(new Error(`measure-dashboards.ts exited with ${code}`));
      resolvePromise(JSON.parse(last) as Record<string, unknown>);
    });
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const lag = await measureExportLag();
  log(JSON.stringify(lag, null, 2));
  const dashboards = await measureDashboardsApart();
  process.stdout.write(
    `${JSON.stringify({
      lagP99Ms: lag.lagP99Ms,
      dashboardP95Ms: dashboards.dashboardP95Ms,
      storedEvents: dashboards.storedEvents,
      lag,
      dashboards,
    })}\n`,
  );
}

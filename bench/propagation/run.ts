import { fork } from 'node:child_process';
import { resolve } from 'node:path';
import {
  type EnrolledDevice,
  enrollBenchDevice,
  startBenchFleet,
} from '../shared/start-bench-fleet';

// `pnpm bench:propagation`: DEVICES devices, each enrolled through the real edge with its own
// Ed25519 key, hold a long-poll open on GET /v1/bundle (real HTTP connections, spread over
// CLIENTS client processes and loopback addresses). One publish through the admin API; the
// figure is the time from just before the publish call until each device has received the new
// bundle: p50, p99, max. Also the edge's resident memory while every device waits. Last line:
// one JSON object. Targets from the issue: p99 < 1 s, edge RSS < 300 MB at 10,000 waiters.
const DEVICES = Number(process.env.PARAPET_BENCH_DEVICES ?? 10_000);
const CLIENTS = Number(process.env.PARAPET_BENCH_CLIENTS ?? 4);
const ENROLL_CONCURRENCY = 32;
const repoRoot = resolve(import.meta.dirname, '../..');
const log = (text: string) => process.stderr.write(`${text}\n`);
const now = () => performance.timeOrigin + performance.now();

// Devices come from many addresses, as a fleet on a network would; enrollment is rate-limited
// per address, so spreading also keeps the setup quick.
const addressOf = (index: number) =>
  `127.0.${1 + (Math.floor(index / 250) % 200)}.${2 + (index % 250)}`;

const fleet = await startBenchFleet({ repoRoot });
const clients: ReturnType<typeof fork>[] = [];
try {
  log(`enrolling ${DEVICES} devices through ${fleet.edgeUrl}…`);
  const enrollStarted = performance.now();
  const devices: EnrolledDevice[] = new Array(DEVICES);
  let next = 0;
  await Promise.all(
    Array.from({ length: ENROLL_CONCURRENCY }, async () => {
      while (next < DEVICES) {
        const index = next++;
        devices[index] = await enrollBenchDevice({
          edgeUrl: fleet.edgeUrl,
          token: fleet.enrollmentToken,
          localAddress: addressOf(index),
          index,
        });
      }
    }),
  );
  const enrollSeconds = (performance.now() - enrollStarted) / 1000;
  // Enrollment runs through the same edge: its churn is part of the resident figure below.
  const edgeRssAfterEnrollMb = fleet.edgeRssMb();
  log(`enrolled in ${enrollSeconds.toFixed(1)} s; edge RSS ${edgeRssAfterEnrollMb} MB`);

  const first = devices[0];
  if (!first) throw new Error('No device enrolled.');
  const current = await fetch(`${fleet.edgeUrl}/v1/bundle`, {
    headers: { Authorization: `Bearer ${first.accessToken}` },
  });
  if (current.status !== 200) throw new Error(`GET /v1/bundle: ${current.status}`);
  const etag = current.headers.get('etag') ?? '';
  const startVer = Number(current.headers.get('parapet-bundle-ver'));
  // The change is saved as a draft now, so the measured step is the publish alone.
  const { status: savedStatus } = await fleet.api.putYaml(
    '/policy/baseline',
    'network:\n  rules:\n    - id: bench-propagation\n      action: allow\n      hosts: [propagation.bench.example]\n',
  );
  if (savedStatus !== 200 && savedStatus !== 201) throw new Error(`PUT baseline: ${savedStatus}`);

  const arrivals = new Map<string, { at: number; status: number; ver: number }>();
  const errors: string[] = [];
  let opened = 0;
  const perClient = Math.ceil(DEVICES / CLIENTS);
  for (let index = 0; index < CLIENTS; index += 1) {
    const client = fork(resolve(import.meta.dirname, 'poll-clients.ts'), {
      execArgv: ['--import', 'tsx'],
    });
    clients.push(client);
    client.on('message', (message: { kind: string } & Record<string, unknown>) => {
      if (message.kind === 'opened') opened += Number(message.count);
      if (message.kind === 'arrivals') {
        const batch = message.arrivals as {
          device: string;
          at: number;
          status: number;
          ver: number;
        }[];
        for (const arrival of batch) {
          arrivals.set(arrival.device, {
            at: arrival.at,
            status: arrival.status,
            ver: arrival.ver,
          });
        }
      }
      if (message.kind === 'error') errors.push(String(message.message));
    });
    client.send({
      kind: 'start',
      edgeUrl: fleet.edgeUrl,
      etag,
      waitSeconds: 60,
      localAddress: `127.1.${index}.1`,
      devices: devices.slice(index * perClient, (index + 1) * perClient),
    });
  }
  const waiting = await waitForWaiters({ edgeUrl: fleet.edgeUrl, expected: DEVICES, errors });
  const edgeRssMb = fleet.edgeRssMb();
  const edgeHeap = await readEdgeHeap(fleet.edgeUrl);
  log(
    `${waiting} long-polls waiting (${opened} opened); edge RSS ${edgeRssMb} MB (V8 heap ${edgeHeap.heapTotalMb} MB, ${edgeHeap.heapUsedMb} MB used, external ${edgeHeap.externalMb} MB); publishing…`,
  );

  const publishedAt = now();
  const published = await fleet.api.postJson('/policy/publish', { message: 'bench: propagation' });
  const publishMs = now() - publishedAt;
  if (published.status !== 201) throw new Error(`POST /policy/publish: ${published.status}`);
  const deadline = Date.now() + 30_000;
  while (arrivals.size < DEVICES && Date.now() < deadline && errors.length === 0) {
    await new Promise((done) => setTimeout(done, 20));
  }
  if (errors.length > 0) throw new Error(`${errors.length} client errors, e.g. ${errors[0]}`);
  const latencies = [...arrivals.values()]
    .filter((arrival) => arrival.status === 200 && arrival.ver > startVer)
    .map((arrival) => arrival.at - publishedAt)
    .sort((a, b) => a - b);
  const missing = DEVICES - latencies.length;
  const pick = (q: number) =>
    Math.round(
      latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? Number.NaN,
    );
  const result = {
    devices: DEVICES,
    received: latencies.length,
    missing,
    p50Ms: pick(0.5),
    p99Ms: pick(0.99),
    maxMs: Math.round(latencies.at(-1) ?? Number.NaN),
    publishMs: Math.round(publishMs),
    edgeRssMb,
    edgeRssAfterEnrollMb,
    edgeHeapTotalMb: edgeHeap.heapTotalMb,
    edgeHeapUsedMb: edgeHeap.heapUsedMb,
    clientProcesses: CLIENTS,
    enrollSeconds: Math.round(enrollSeconds),
  };
  log('');
  log(`devices ${DEVICES}, received ${latencies.length}, missing ${missing}`);
  log(
    `publish call ${result.publishMs} ms; propagation p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms, max ${result.maxMs} ms (target p99 < 1000 ms)`,
  );
  log(`edge RSS at ${DEVICES} waiters: ${edgeRssMb} MB (target < 300 MB)`);
  // The edge's own account of the publish: how long answering the waiters and the re-read took.
  await new Promise((done) => setTimeout(done, 1_000));
  for (const line of fleet.console.readLog().split('\n')) {
    if (line.includes('new bundle generation applied')) log(line);
  }
  console.log(JSON.stringify(result));
} finally {
  for (const client of clients) client.kill();
  await fleet.stop();
}

/** The edge's V8 heap (reserved and used, not collected first) and external memory, in MB. */
async function readEdgeHeap(edgeUrl: string) {
  const metrics = await (await fetch(`${edgeUrl}/metrics`)).text();
  const mb = (name: string) =>
    Math.round(
      Number(new RegExp(`^parapet_edge_${name} (\\d+)`, 'm').exec(metrics)?.[1] ?? Number.NaN) /
        1024 /
        1024,
    );
  return {
    heapTotalMb: mb('nodejs_heap_size_total_bytes'),
    heapUsedMb: mb('nodejs_heap_size_used_bytes'),
    externalMb: mb('nodejs_external_memory_bytes'),
  };
}

/** Waits until the edge reports `expected` waiting long-polls on /metrics. */
async function waitForWaiters({
  edgeUrl,
  expected,
  errors,
}: {
  edgeUrl: string;
  expected: number;
  errors: string[];
}): Promise<number> {
  const deadline = Date.now() + 120_000;
  let waiting = 0;
  while (Date.now() < deadline) {
    if (errors.length > 0) throw new Error(`${errors.length} client errors, e.g. ${errors[0]}`);
    const metrics = await (await fetch(`${edgeUrl}/metrics`)).text();
    waiting = Number(
      /^parapet_edge_long_poll_waiters(?:\{[^}]*\})? (\d+)/m.exec(metrics)?.[1] ?? 0,
    );
    if (waiting >= expected) return waiting;
    await new Promise((done) => setTimeout(done, 250));
  }
  throw new Error(`Only ${waiting} of ${expected} long-polls were waiting after 2 minutes.`);
}

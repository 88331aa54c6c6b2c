import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { findFreePort } from '@parapet/e2e/ports';
import { ensureDebianTools } from '../shared/debian-tools';
import { runWrk } from '../shared/run-wrk';
import { enrollBenchDevice, startBenchFleet } from '../shared/start-bench-fleet';
import { startNginx } from './start-nginx';

// `pnpm bench:edge-poll`: how many `304 Not Modified` answers per second the edge gives on
// GET /v1/bundle (an authenticated device whose bundle is current: token check, device and
// bundle lookups in memory, ETag comparison), against nginx serving the same bytes as a static
// file with its own ETag, on the same machine in the same run. Both servers get one CPU and one
// process (nginx: one worker) and wrk (one thread) gets the other CPU; the figures are the median
// of ROUNDS alternating runs. Last line: one JSON object. Target from the issue: ≥ 0.8× nginx.
const ROUNDS = Number(process.env.PARAPET_BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.PARAPET_BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.PARAPET_BENCH_CONNECTIONS ?? 64);
const SERVER_CPU = 0;
const CLIENT_CPU = 1;
const repoRoot = resolve(import.meta.dirname, '../..');
const log = (text: string) => process.stderr.write(`${text}\n`);

ensureDebianTools([
  { command: 'nginx', debianPackage: 'nginx' },
  { command: 'wrk', debianPackage: 'wrk' },
]);
const fleet = await startBenchFleet({ repoRoot });
let nginx: Awaited<ReturnType<typeof startNginx>> | undefined;
try {
  const device = await enrollBenchDevice({
    edgeUrl: fleet.edgeUrl,
    token: fleet.enrollmentToken,
    index: 0,
  });
  const edgeUrl = `${fleet.edgeUrl}/v1/bundle`;
  const auth = { Authorization: `Bearer ${device.accessToken}` };
  const first = await fetch(edgeUrl, { headers: auth });
  if (first.status !== 200)
    throw new Error(`GET /v1/bundle: ${first.status} ${await first.text()}`);
  const bundle = Buffer.from(await first.arrayBuffer());
  const edgeEtag = first.headers.get('etag') ?? '';
  const pid = fleet.edgePid();
  if (pid !== null) spawnSync('taskset', ['-a', '-p', '-c', String(SERVER_CPU), String(pid)]);
  log(`edge ${edgeUrl} (pid ${pid ?? 'unknown'}), bundle ${bundle.length} bytes, ETag ${edgeEtag}`);

  nginx = await startNginx({ port: await findFreePort(), body: bundle, workers: 1 });
  for (const line of spawnSync('pgrep', ['-f', 'parapet-bench-nginx'], { encoding: 'utf8' })
    .stdout.trim()
    .split('\n')
    .filter(Boolean)) {
    spawnSync('taskset', ['-a', '-p', '-c', String(SERVER_CPU), line]);
  }
  const nginxEtag = (await fetch(nginx.url)).headers.get('etag') ?? '';
  const check304 = async (url: string, headers: Record<string, string>) => {
    const status = (await fetch(url, { headers })).status;
    if (status !== 304) throw new Error(`${url} answered ${status} instead of 304`);
  };
  const edgeHeaders = { ...auth, 'If-None-Match': edgeEtag };
  const nginxHeaders = { 'If-None-Match': nginxEtag };
  await check304(edgeUrl, edgeHeaders);
  await check304(nginx.url, nginxHeaders);

  const measure = (url: string, headers: Record<string, string>, seconds: number) => {
    const result = runWrk({ url, headers, seconds, connections: CONNECTIONS, cpu: CLIENT_CPU });
    if (result.nonSuccess > 0) {
      throw new Error(`${url}: ${result.nonSuccess} of ${result.requests} answers were not 304`);
    }
    return result.requestsPerSec;
  };
  log('warming up…');
  measure(edgeUrl, edgeHeaders, 3);
  measure(nginx.url, nginxHeaders, 3);
  const edgeRates: number[] = [];
  const nginxRates: number[] = [];
  for (let round = 1; round <= ROUNDS; round += 1) {
    edgeRates.push(measure(edgeUrl, edgeHeaders, SECONDS));
    nginxRates.push(measure(nginx.url, nginxHeaders, SECONDS));
    log(
      `round ${round}: edge ${Math.round(edgeRates.at(-1) ?? 0)}/s, nginx ${Math.round(nginxRates.at(-1) ?? 0)}/s`,
    );
  }
  const edge304PerSec = Math.round(median(edgeRates));
  const nginx304PerSec = Math.round(median(nginxRates));
  const ratioVsNginx = Math.round((edge304PerSec / nginx304PerSec) * 100) / 100;
  log('');
  log(`edge  304/s: ${edge304PerSec}`);
  log(`nginx 304/s: ${nginx304PerSec}`);
  log(`ratio: ${ratioVsNginx}× (target ≥ 0.8×)`);
  console.log(
    JSON.stringify({
      edge304PerSec,
      nginx304PerSec,
      ratioVsNginx,
      connections: CONNECTIONS,
      seconds: SECONDS,
      rounds: ROUNDS,
      serverProcesses: 1,
    }),
  );
} finally {
  await nginx?.stop();
  await fleet.stop();
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

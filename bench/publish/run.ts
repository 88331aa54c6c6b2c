import { randomBytes } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { createRandom } from '../policy/create-random';
import { generateNetworkRequests } from '../policy/generate-network-requests';
import { startBenchConsole } from '../shared/start-bench-console';
import { createAdminApi, expectStatus } from './admin-api';
import { buildOrgSources } from './build-org-sources';

// `pnpm bench:publish`: starts the built console on a fresh embedded Postgres (127.0.0.1 only)
// with an owner API key from headless setup, then through the admin API: saves a 10,000-rule org
// policy over 50 groups (PUT per layer, YAML), publishes it (compile + every test + write), and
// simulates 10,000 requests per call against the published version. Prints the figures and, as
// its last line, one JSON object. Targets from the issue: publish under 2 s, simulate over
// 50,000 requests/s per call of 10,000 requests.
const GROUPS = 50;
const SIMULATE_REQUESTS = 10_000;
const SIMULATE_CALLS = 5;
const repoRoot = resolve(import.meta.dirname, '../..');
const log = (text: string) => process.stderr.write(`${text}\n`);
const apiKey = `ppk_${randomBytes(30).toString('base64url')}`;

const org = buildOrgSources({ seed: 7, groupCount: GROUPS });
const server = await startBenchConsole({
  repoRoot,
  poolSize: undefined,
  env: { PARAPET_SETUP_API_KEY: apiKey },
});
try {
  const api = createAdminApi({ baseUrl: server.baseUrl, apiKey });
  log(`console on ${server.baseUrl}; saving ${org.rules} rules over ${GROUPS} groups…`);
  const saveStarted = performance.now();
  const saveTimes: number[] = [];
  const documents: [string, string][] = [
    ['/policy/guardrails', org.guardrails],
    ['/policy/baseline', org.baseline],
    ...Object.entries(org.groups).map(([name, yaml]): [string, string] => [
      `/policy/groups/${name}`,
      yaml,
    ]),
  ];
  for (const [path, yaml] of documents) {
    const started = performance.now();
    expectStatus(`PUT ${path}`, await api.putYaml(path, yaml), [200, 201]);
    saveTimes.push(performance.now() - started);
  }
  const saveMs = performance.now() - saveStarted;

  log('publishing…');
  const publishStarted = performance.now();
  const published = await api.postJson('/policy/publish', { message: 'bench: 10,000 rules' });
  const publishMs = performance.now() - publishStarted;
  expectStatus('POST /policy/publish', published, [201]);

  const random = createRandom({ seed: 11 });
  const requests = generateNetworkRequests({ random, model: org.model, count: SIMULATE_REQUESTS });
  const groups = ['team-01', 'team-02', 'team-03'];
  const body = { against: 'published', groups, requests: requests.map((entry) => entry.request) };
  const rates: number[] = [];
  for (let call = 0; call < SIMULATE_CALLS; call += 1) {
    const started = performance.now();
    const answer = await api.postJson('/policy/simulate', body);
    const seconds = (performance.now() - started) / 1000;
    expectStatus('POST /policy/simulate', answer, [200]);
    const decisions = (answer.json as { decisions?: unknown[] }).decisions;
    if (decisions?.length !== SIMULATE_REQUESTS) {
      throw new Error(`simulate answered ${decisions?.length} decisions for ${SIMULATE_REQUESTS}`);
    }
    rates.push(SIMULATE_REQUESTS / seconds);
  }
  rates.sort((a, b) => a - b);
  const simulatePerSec = Math.round(rates[Math.floor(rates.length / 2)] ?? 0);

  const round = (value: number) => Math.round(value * 10) / 10;
  console.log(
    [
      `Publish: ${org.rules} rules over 2 + ${GROUPS} layers, ${availableParallelism()} CPUs, Node ${process.version}`,
      `  save (${documents.length} PUTs)   ${round(saveMs)} ms in all, slowest one ${round(Math.max(...saveTimes))} ms`,
      `  publish                ${round(publishMs)} ms (target < 2000 ms)`,
      `  simulate               ${simulatePerSec} requests/s, median of ${SIMULATE_CALLS} calls of ${SIMULATE_REQUESTS} (target > 50,000)`,
    ].join('\n'),
  );
  console.log(
    JSON.stringify({
      rules: org.rules,
      saveMs: round(saveMs),
      publishMs: round(publishMs),
      simulatePerSec,
    }),
  );
} finally {
  await server.stop();
}

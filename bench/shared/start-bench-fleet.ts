import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { findFreePort } from '@parapet/e2e/ports';
import { type AdminApi, createAdminApi, expectStatus } from '../publish/admin-api';
import { postBody } from './post-body';
import { type BenchConsole, startBenchConsole } from './start-bench-console';

export type EnrolledDevice = { device: string; accessToken: string };

export type BenchFleet = {
  console: BenchConsole;
  api: AdminApi;
  edgeUrl: string;
  edgePort: number;
  /** A reusable enrollment token for the whole run. */
  enrollmentToken: string;
  /** Saves the baseline and publishes it; resolves when the publish has committed. */
  publishBaseline: (yaml: string, message: string) => Promise<void>;
  /** The edge process's resident memory, read from /proc (Linux). */
  edgeRssMb: () => number | null;
  /** The edge process's id (Linux), to pin it to a CPU. */
  edgePid: () => number | null;
  stop: () => Promise<void>;
};

/**
 * Starts Parapet as `pnpm start` does (console, embedded Postgres, and the edge API beside
 * them, all on 127.0.0.1), with an owner API key from headless setup, waits for the edge, and
 * creates one reusable enrollment token through the admin API.
 */
export async function startBenchFleet({
  repoRoot,
  env = {},
}: {
  repoRoot: string;
  env?: Record<string, string>;
}): Promise<BenchFleet> {
  const apiKey = `ppk_${randomBytes(30).toString('base64url')}`;
  const edgePort = await findFreePort();
  const server = await startBenchConsole({
    repoRoot,
    poolSize: undefined,
    env: { PARAPET_SETUP_API_KEY: apiKey, PARAPET_EDGE_PORT: String(edgePort), ...env },
  });
  try {
    const edgeUrl = `http://127.0.0.1:${edgePort}`;
    await waitForEdge(`${edgeUrl}/readyz`);
    const api = createAdminApi({ baseUrl: server.baseUrl, apiKey });
    const created = await api.postJson('/enrollment-tokens', {
      reusable: true,
      expiresAt: new Date(Date.now() + 6 * 3600_000).toISOString(),
    });
    expectStatus('POST /enrollment-tokens', created, [201]);
    const enrollmentToken = (created.json as { token: string }).token;
    return {
      console: server,
      api,
      edgeUrl,
      edgePort,
      enrollmentToken,
      publishBaseline: async (yaml, message) => {
        expectStatus(
          'PUT /policy/baseline',
          await api.putYaml('/policy/baseline', yaml),
          [200, 201],
        );
        expectStatus(
          'POST /policy/publish',
          await api.postJson('/policy/publish', { message }),
          [201],
        );
      },
      edgeRssMb: () => {
        const pid = findEdgePid(edgePort);
        if (pid === null) return null;
        const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
        return kb ? Math.round(Number(kb) / 1024) : null;
      },
      edgePid: () => findEdgePid(edgePort),
      stop: () => server.stop(),
    };
  } catch (error) {
    await server.stop();
    throw error;
  }
}

async function waitForEdge(url: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((done) => setTimeout(done, 200));
  }
  throw new Error(`The edge did not become ready at ${url}.`);
}

/**
 * Enrolls one device the way parapet-agent does: a fresh Ed25519 key, POST /v1/enroll. Uses
 * `localAddress` so a large fleet can spread over 127.0.0.0/8 like machines on a network.
 */
export async function enrollBenchDevice({
  edgeUrl,
  token,
  localAddress,
  index,
}: {
  edgeUrl: string;
  token: string;
  localAddress?: string;
  index: number;
}): Promise<EnrolledDevice> {
  const { publicKey } = generateKeyPairSync('ed25519');
  const jwk = publicKey.export({ format: 'jwk' });
  const body = JSON.stringify({
    token,
    publicKey: { kty: 'OKP', crv: 'Ed25519', x: jwk.x },
    device: { hostname: `bench-${index}`, os: 'linux', agentVersion: 'bench' },
  });
  const answer = await postBody({
    url: `${edgeUrl}/v1/enroll`,
    body,
    headers: { 'Content-Type': 'application/json' },
    localAddress,
  });
  if (answer.status !== 201) {
    throw new Error(`POST /v1/enroll: ${answer.status} ${answer.text.slice(0, 500)}`);
  }
  const enrolled = JSON.parse(answer.text) as { device: string; accessToken: string };
  return { device: enrolled.device, accessToken: enrolled.accessToken };
}

/**
 * This run's edge process: the one whose command names apps/edge and whose environment carries
 * this run's edge port (other checkouts may run edges of their own).
 */
function findEdgePid(edgePort: number): number | null {
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!command.includes('apps/edge/dist/edge.mjs')) continue;
      const environment = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
      if (environment.includes(`PARAPET_EDGE_PORT=${edgePort}`)) return Number(pid);
    } catch {
      // The process ended while we looked.
    }
  }
  return null;
}

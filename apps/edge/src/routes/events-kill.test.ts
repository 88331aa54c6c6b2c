import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { type AuditEvent, hashAuditEvent } from '@parapet/audit';
import { makeSampleEvents } from '@parapet/audit/ingest';
import { TEST_MASTER_KEY } from '@parapet/db/testing';
import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createTestEnrollmentToken,
  enrollTestDevice,
  setupEdgeTest,
  testIssuer,
} from '../testing/edge-test-kit';

// The acceptance line "kill -9 the edge under ingest load → every acknowledged event is stored
// once", with the edge as it runs in production: the built bundle in a process of its own.
const world = setupEdgeTest();
const edgeDir = join(import.meta.dirname, '../..');
const devices = 4;
const batchesPerDevice = 12;
const batchSize = 200;

beforeAll(() => {
  const built = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: edgeDir });
  if (built.status !== 0) throw new Error(`the edge did not build: ${built.stderr}`);
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(),
      );
    });
  });
}

async function startEdge(databaseUrl: string, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['dist/edge.mjs'], {
    cwd: edgeDir,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PARAPET_MASTER_KEY: TEST_MASTER_KEY.toString('base64'),
      PARAPET_PUBLIC_URL: testIssuer,
      PARAPET_EDGE_HOST: '127.0.0.1',
      PARAPET_EDGE_PORT: String(port),
      PARAPET_EDGE_LOG_LEVEL: 'error',
    },
    stdio: 'ignore',
  });
  for (let tries = 0; tries < 150; tries += 1) {
    if (child.exitCode !== null) throw new Error(`the edge exited with ${child.exitCode}`);
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => undefined);
    if (ready?.ok) return child;
    await sleep(100);
  }
  child.kill('SIGKILL');
  throw new Error('the edge did not become ready');
}

type Client = { acknowledged: Set<string>; sent: Set<string>; failures: number };

/** One device uploading its batches in order, each until a 200, as the agent does. */
async function upload(
  url: () => string,
  device: { id: string; accessToken: string },
  client: Client,
): Promise<void> {
  let after = { seq: 0, hash: '0'.repeat(64) };
  for (let batch = 0; batch < batchesPerDevice; batch += 1) {
    const events: AuditEvent[] = makeSampleEvents({ device: device.id, count: batchSize, after });
    const last = events.at(-1) as AuditEvent;
    after = { seq: last.seq, hash: hashAuditEvent(last) };
    for (const event of events) client.sent.add(event.id);
    for (;;) {
      const response = await fetch(`${url()}/v1/events`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${device.accessToken}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify(events),
      }).catch(() => undefined);
      if (response?.status === 200) {
        const answer = (await response.json()) as { accepted: string[]; rejected: unknown[] };
        expect(answer.rejected).toEqual([]);
        for (const id of answer.accepted) client.acknowledged.add(id);
        break;
      }
      // Refused connection, reset mid-request, or a 503 while the edge restarts: send it again.
      client.failures += 1;
      await response?.body?.cancel();
      await sleep(50);
    }
  }
}

describe('POST /v1/events when the edge is killed', () => {
  it('stores every acknowledged event exactly once after kill -9 under load', async () => {
    const w = world();
    const token = await createTestEnrollmentToken(w);
    const enrolled = await Promise.all(
      Array.from({ length: devices }, (_, i) => enrollTestDevice(w.edge.url, token, `kill-${i}`)),
    );
    const port = await freePort();
    let edge = await startEdge(w.databaseUrl, port);
    const url = () => `http://127.0.0.1:${port}`;
    const clients: Client[] = enrolled.map(() => ({
      acknowledged: new Set(),
      sent: new Set(),
      failures: 0,
    }));
    const uploads = Promise.all(
      enrolled.map((device, i) => upload(url, device, clients[i] as Client)),
    );
    // Kill it once some batches are acknowledged and more are in flight.
    while (clients.reduce((sum, client) => sum + client.acknowledged.size, 0) < 3 * batchSize) {
      await sleep(5);
    }
    edge.kill('SIGKILL');
    await new Promise((resolve) => edge.once('exit', resolve));
    await sleep(300);
    edge = await startEdge(w.databaseUrl, port);
    try {
      await uploads;
    } finally {
      edge.kill('SIGKILL');
    }
    expect(clients.reduce((sum, client) => sum + client.failures, 0)).toBeGreaterThan(0);
    const db = new pg.Client({ connectionString: w.databaseUrl });
    await db.connect();
    try {
      for (const [i, device] of enrolled.entries()) {
        const client = clients[i] as Client;
        const acknowledged = [...client.acknowledged];
        expect(client.acknowledged).toEqual(client.sent);
        const stored = await db.query<{ id: string; copies: number }>(
          'SELECT id, count(*)::int AS copies FROM audit.events WHERE device_id = $1 GROUP BY id',
          [device.id],
        );
        expect(stored.rows.every((row) => row.copies === 1)).toBe(true);
        expect(new Set(stored.rows.map((row) => row.id))).toEqual(new Set(acknowledged));
        const chain = await db.query(
          'SELECT last_seq::int, events::int, gaps, breaks, late FROM audit.device_chains WHERE device_id = $1',
          [device.id],
        );
        // Batches were retried whole and in order, so the chain has no hole, edit or late event.
        expect(chain.rows[0]).toEqual({
          last_seq: batchesPerDevice * batchSize,
          events: batchesPerDevice * batchSize,
          gaps: 0,
          breaks: 0,
          late: 0,
        });
      }
    } finally {
      await db.end();
    }
  });
});

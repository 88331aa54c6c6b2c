import { setTimeout as sleep } from 'node:timers/promises';
import { deliverBatch, parseDestinationNetworkPolicy } from '@parapet/audit/deliver';
import type { DeliverFunction } from '@parapet/audit/export';
import {
  createTestDestination,
  insertTestEvents,
  makeTestEvents,
  startElasticReceiver,
  startSplunkHecReceiver,
  startWebhookReceiver,
  testDeviceId,
} from '@parapet/audit/testing';
import { appendActivity } from '@parapet/db/activity';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startWorker, type Worker } from '../start-worker';
import {
  createWorkerTestDatabase,
  memoryLogger,
  readDestination,
  testEnv,
  type WorkerTestDatabase,
} from '../testing/worker-test-setup';

const network = parseDestinationNetworkPolicy({});
const context = { hostname: 'worker-test', productVersion: '0.0.0-test' };
const realDeliver: DeliverFunction = (options) => deliverBatch({ ...options, context });
const secret = 'webhook-secret-0123456789';

let setup: WorkerTestDatabase;
const workers: Worker[] = [];
const closers: (() => Promise<void>)[] = [];

beforeAll(async () => {
  setup = await createWorkerTestDatabase();
});
// Each test starts its own workers with its own delivery; the ones before must neither run nor
// find anything left to claim.
afterEach(async () => {
  for (const worker of workers.splice(0)) await worker.stop(0);
  await setup.db.query('UPDATE audit_destinations SET enabled = false');
});
afterAll(async () => {
  for (const close of closers) await close();
  await setup.db.end();
  await setup.database.drop();
});

async function start(
  overrides: Record<string, string> = {},
  deliver: DeliverFunction = realDeliver,
) {
  const log = memoryLogger();
  const worker = await startWorker({
    env: testEnv(setup.database.databaseUrl, overrides),
    db: setup.db,
    network,
    log,
    deliver,
    jobs: [],
  });
  workers.push(worker);
  return { worker, log };
}

async function webhook() {
  const receiver = await startWebhookReceiver({ secret });
  closers.push(receiver.close);
  return receiver;
}

describe('the export loop', () => {
  it('sends admin activity and stored events, then moves the cursors and counts them', async () => {
    const orgId = await setup.orgId();
    const receiver = await webhook();
    const { id } = await createTestDestination({
      db: setup.db,
      orgId,
      input: { type: 'webhook', name: 'hook', url: receiver.endpoint, secret },
    });
    await setup.database.prisma.$transaction((tx) =>
      appendActivity(tx, { orgId, action: 'destination.created', target: `destination:${id}` }),
    );
    const events = await insertTestEvents({
      db: setup.db,
      orgId,
      events: makeTestEvents({ deviceId: testDeviceId(), count: 25 }),
    });
    // Another org's events must never reach this org's destination.
    const otherOrg = await setup.orgId();
    await insertTestEvents({
      db: setup.db,
      orgId: otherOrg,
      events: makeTestEvents({ deviceId: testDeviceId(), count: 5 }),
    });

    const { worker } = await start();

    await expect.poll(() => receiver.records.length, { timeout: 15_000 }).toBe(26);
    await expect.poll(async () => (await readDestination(setup.db, id)).exported_events).toBe('26');
    const row = await readDestination(setup.db, id);
    expect(row).toMatchObject({
      state: 'ok',
      consecutive_failures: 0,
      exported_events: '26',
      activity_cursor_seq: 1,
    });
    expect(receiver.records[0]).toMatchObject({ kind: 'admin', action: 'destination.created' });
    expect(receiver.records.slice(1).map((record) => record.id)).toEqual(
      events.map((event) => event.id),
    );
    expect(receiver.violations).toEqual([]);
    const metrics = await worker.metrics.registry.metrics();
    expect(metrics).toContain(
      `parapet_worker_exported_records_total{destination="${id}",type="webhook"} 26`,
    );
  });

  it('never lets two workers send to one destination at once, and sends each record once', async () => {
    const orgId = await setup.orgId();
    const receivers = [await webhook(), await webhook(), await webhook()];
    const ids: string[] = [];
    for (const [index, receiver] of receivers.entries()) {
      ids.push(
        (
          await createTestDestination({
            db: setup.db,
            orgId,
            input: { type: 'webhook', name: `hook-${index}`, url: receiver.endpoint, secret },
          })
        ).id,
      );
    }
    const events = await insertTestEvents({
      db: setup.db,
      orgId,
      events: makeTestEvents({ deviceId: testDeviceId(), count: 1_500 }),
    });
    const inFlight = new Map<string, number>();
    let overlaps = 0;
    const watched: DeliverFunction = async (options) => {
      const key = options.config.name;
      inFlight.set(key, (inFlight.get(key) ?? 0) + 1);
      if ((inFlight.get(key) ?? 0) > 1) overlaps++;
      try {
        await sleep(5);
        return await realDeliver(options);
      } finally {
        inFlight.set(key, (inFlight.get(key) ?? 0) - 1);
      }
    };
    const settings = { PARAPET_EXPORT_BATCH_SIZE: '100', PARAPET_WORKER_CONCURRENCY: '3' };
    await start({ ...settings, PARAPET_WORKER_ID: 'worker-a' }, watched);
    await start({ ...settings, PARAPET_WORKER_ID: 'worker-b' }, watched);
    for (const receiver of receivers) {
      await expect.poll(() => receiver.idCounts.size, { timeout: 30_000 }).toBe(events.length);
    }
    expect(overlaps).toBe(0);
    for (const receiver of receivers) {
      expect([...receiver.idCounts.values()].every((count) => count === 1)).toBe(true);
    }
    for (const id of ids)
      expect((await readDestination(setup.db, id)).exported_events).toBe('1500');
  });
});

describe('failures', () => {
  it('marks a destination failing after a sustained outage, keeps its backlog, and clears on success', async () => {
    const orgId = await setup.orgId();
    const receiver = await webhook();
    const { id } = await createTestDestination({
      db: setup.db,
      orgId,
      input: { type: 'webhook', name: 'hook', url: receiver.endpoint, secret },
    });
    await receiver.setMode({ kind: 'fail', status: 503 });
    const events = await insertTestEvents({
      db: setup.db,
      orgId,
      events: makeTestEvents({ deviceId: testDeviceId(), count: 30 }),
    });
    await start({ PARAPET_EXPORT_FAILING_AFTER_SECONDS: '1' });
    await expect
      .poll(async () => (await readDestination(setup.db, id)).state, { timeout: 15_000 })
      .toBe('failing');
    const failing = await readDestination(setup.db, id);
    expect(failing.last_error).toContain('HTTP 503');
    expect(failing.consecutive_failures).toBeGreaterThan(1);
    expect(failing.exported_events).toBe('0');

    await receiver.setMode({ kind: 'ok' });
    await expect
      .poll(async () => (await readDestination(setup.db, id)).state, { timeout: 15_000 })
      .toBe('ok');
    await expect.poll(() => receiver.idCounts.size, { timeout: 15_000 }).toBe(events.length);
    const recovered = await readDestination(setup.db, id);
    expect(recovered).toMatchObject({
      consecutive_failures: 0,
      failing_since: null,
      exported_events: '30',
    });
  });

  it('resends a batch whose cursor write a crash cut off: the webhook sees it twice, Elastic stores it once', async () => {
    const orgId = await setup.orgId();
    const hook = await webhook();
    const apiKey = 'ZWxhc3RpYzpjcmFzaC10ZXN0';
    const elastic = await startElasticReceiver({ authorization: `ApiKey ${apiKey}` });
    closers.push(elastic.close);
    await createTestDestination({
      db: setup.db,
      orgId,
      input: { type: 'webhook', name: 'hook', url: hook.endpoint, secret },
    });
    await createTestDestination({
      db: setup.db,
      orgId,
      input: { type: 'elastic', name: 'es', url: elastic.url, apiKey },
    });
    const events = await insertTestEvents({
      db: setup.db,
      orgId,
      events: makeTestEvents({ deviceId: testDeviceId(), count: 40 }),
    });
    const crashed = new Set<string>();
    // Delivered, then the process "dies" before the outcome is written: the lease is left to
    // expire (5 s here) and the next claim sends the same batch again.
    const crashOnce: DeliverFunction = async (options) => {
      const outcome = await realDeliver(options);
      if (!crashed.has(options.config.name)) {
        crashed.add(options.config.name);
        throw new Error('crash between delivery and cursor write');
      }
      return outcome;
    };
    const { log } = await start({}, crashOnce);
    await expect.poll(() => hook.idCounts.size, { timeout: 20_000 }).toBe(events.length);
    await expect.poll(() => elastic.conflicts(), { timeout: 20_000 }).toBe(events.length);
    expect([...hook.idCounts.values()].every((count) => count === 2)).toBe(true);
    expect(elastic.indices.get('parapet-events')?.size).toBe(events.length);
    expect(log.lines.some((line) => line.msg === 'export turn failed')).toBe(true);
  });

  it('records a refused configuration with its reason and never the secret', async () => {
    const orgId = await setup.orgId();
    const hec = await startSplunkHecReceiver({ token: 'the-right-token' });
    closers.push(hec.close);
    const { id } = await createTestDestination({
      db: setup.db,
      orgId,
      input: { type: 'splunk-hec', name: 'splunk', url: hec.url, token: 'the-wrong-token-1234' },
    });
    await insertTestEvents({
      db: setup.db,
      orgId,
      events: makeTestEvents({ deviceId: testDeviceId(), count: 3 }),
    });
    await start({ PARAPET_EXPORT_FAILING_AFTER_SECONDS: '0' });
    await expect
      .poll(async () => (await readDestination(setup.db, id)).state, { timeout: 15_000 })
      .toBe('failing');
    const row = await readDestination(setup.db, id);
    expect(row.last_error).toContain('HTTP 403');
    expect(row.last_error).not.toContain('the-wrong-token-1234');
    // A refusal waits at least a few seconds before the next attempt (5 s base, full jitter).
    expect(row.next_attempt_at.getTime()).toBeGreaterThan(Date.now() - 1_000);
  });

  it('gives the lease back at once when stopped mid-delivery, without counting a failure', async () => {
    const orgId = await setup.orgId();
    const receiver = await webhook();
    const { id } = await createTestDestination({
      db: setup.db,
      orgId,
      input: { type: 'webhook', name: 'hook', url: receiver.endpoint, secret },
    });
    await insertTestEvents({
      db: setup.db,
      orgId,
      events: makeTestEvents({ deviceId: testDeviceId(), count: 2 }),
    });
    let started = false;
    const hang: DeliverFunction = (options) =>
      new Promise((resolve) => {
        started = true;
        options.signal.addEventListener('abort', () =>
          resolve({ outcome: 'retry', error: 'aborted', durationMs: 0 }),
        );
      });
    const { worker } = await start({}, hang);
    await expect.poll(() => started, { timeout: 10_000 }).toBe(true);
    expect((await readDestination(setup.db, id)).lease_owner).not.toBeNull();
    await worker.stop(100);
    const row = await readDestination(setup.db, id);
    expect(row).toMatchObject({ lease_owner: null, consecutive_failures: 0, state: 'ok' });
    expect(row.next_attempt_at.getTime()).toBeLessThanOrEqual(Date.now());
  });
});

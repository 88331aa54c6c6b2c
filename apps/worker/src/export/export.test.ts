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
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
afterAll(async () => {
  for (const worker of workers) await worker.stop(0);
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

import { setTimeout as sleep } from 'node:timers/promises';
import { type AuditEvent, hashAuditEvent } from '@parapet/audit';
import { parseDestinationNetworkPolicy } from '@parapet/audit/deliver';
import { ingestEvents } from '@parapet/audit/ingest';
import {
  createTestDestination,
  makeTestEvents,
  startElasticReceiver,
  startSplunkHecReceiver,
  startWebhookReceiver,
  testDeviceId,
} from '@parapet/audit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorker, type Worker } from '../start-worker';
import {
  createWorkerTestDatabase,
  memoryLogger,
  readDestination,
  testEnv,
  type WorkerTestDatabase,
} from '../testing/worker-test-setup';

// Destinations down for minutes while events keep arriving: nothing lost, nothing duplicated
// beyond what each protocol allows, failing shown during the outage and cleared after, the
// backlog drained. PARAPET_TEST_OUTAGE_SECONDS sets the outage (default 120 s); the whole test
// takes about the outage plus 40 s.

const outageMs = Number(process.env.PARAPET_TEST_OUTAGE_SECONDS ?? 120) * 1000;
const tickMs = 100;
const eventsPerTick = 50;
const batchSize = 1_000;

let setup: WorkerTestDatabase;
let worker: Worker | undefined;
const closers: (() => Promise<void>)[] = [];

beforeAll(async () => {
  setup = await createWorkerTestDatabase();
});
afterAll(async () => {
  await worker?.stop(0);
  for (const close of closers) await close();
  await setup.db.end();
  await setup.database.drop();
});

describe('a destination down for minutes under load', () => {
  it(
    'loses nothing, duplicates nothing beyond the protocol, shows failing, then drains and clears',
    async () => {
      const orgId = await setup.orgId();
      const secret = 'webhook-secret-0123456789';
      const token = 'hec-token-reliability';
      const apiKey = 'ZWxhc3RpYzpyZWxpYWJpbGl0eQ==';
      const webhook = await startWebhookReceiver({ secret });
      const hec = await startSplunkHecReceiver({ token });
      const elastic = await startElasticReceiver({ authorization: `ApiKey ${apiKey}` });
      closers.push(webhook.close, hec.close, elastic.close);
      const destinations = {
        webhook: await createTestDestination({
          db: setup.db,
          orgId,
          input: { type: 'webhook', name: 'hook', url: webhook.endpoint, secret },
        }),
        hec: await createTestDestination({
          db: setup.db,
          orgId,
          input: { type: 'splunk-hec', name: 'splunk', url: hec.url, token },
        }),
        elastic: await createTestDestination({
          db: setup.db,
          orgId,
          input: { type: 'elastic', name: 'es', url: elastic.url, apiKey },
        }),
      };
      worker = await startWorker({
        env: testEnv(setup.database.databaseUrl, {
          PARAPET_EXPORT_BATCH_SIZE: String(batchSize),
          PARAPET_EXPORT_FAILING_AFTER_SECONDS: '5',
          PARAPET_EXPORT_RETRY_MAX_SECONDS: '5',
          PARAPET_EXPORT_TIMEOUT_SECONDS: '5',
          PARAPET_EXPORT_LEASE_SECONDS: '30',
        }),
        db: setup.db,
        network: parseDestinationNetworkPolicy({}),
        log: memoryLogger(),
        jobs: [],
      });

      // Events arrive all along through the edge's ingestion (one transaction per upload).
      const stored: string[] = [];
      let ingesting = true;
      const ingest = (async () => {
        const device = { id: testDeviceId(), orgId, personId: null, groups: [] };
        let seq = 1;
        let prev: string | undefined;
        while (ingesting) {
          const events = makeTestEvents({
            deviceId: device.id,
            count: eventsPerTick,
            firstSeq: seq,
            ...(prev ? { prev } : {}),
          });
          seq += eventsPerTick;
          const result = await ingestEvents({ pool: setup.db, device, events });
          expect(result.rejected).toEqual([]);
          stored.push(...result.accepted);
          prev = hashAuditEvent(events.at(-1) as AuditEvent);
          await sleep(tickMs);
        }
      })();

      await sleep(5_000);
      // Three kinds of outage: nothing listening, 503s, and Elastic's 429 with Retry-After.
      await webhook.setMode({ kind: 'down' });
      await hec.setMode({ kind: 'fail', status: 503, body: '{"text":"Server is busy","code":9}' });
      await elastic.setMode({ kind: 'fail', status: 429, retryAfterSeconds: 2 });
      const outageStarted = Date.now();
      const seenFailing = new Set<string>();
      while (Date.now() - outageStarted < outageMs) {
        for (const [name, { id }] of Object.entries(destinations)) {
          const row = await readDestination(setup.db, id);
          if (row.state === 'failing' && row.last_error) seenFailing.add(name);
        }
        await sleep(1_000);
      }
      await webhook.setMode({ kind: 'ok' });
      await hec.setMode({ kind: 'ok' });
      await elastic.setMode({ kind: 'ok' });
      await sleep(5_000);
      ingesting = false;
      await ingest;

      const total = stored.length;
      const elasticIds = () => elastic.indices.get('parapet-events')?.size ?? 0;
      await expect
        .poll(() => webhook.idCounts.size, { timeout: 120_000, interval: 500 })
        .toBe(total);
      await expect.poll(() => hec.idCounts.size, { timeout: 120_000, interval: 500 }).toBe(total);
      await expect.poll(elasticIds, { timeout: 120_000, interval: 500 }).toBe(total);

      expect([...seenFailing].sort()).toEqual(['elastic', 'hec', 'webhook']);
      for (const { id } of Object.values(destinations)) {
        await expect
          .poll(async () => (await readDestination(setup.db, id)).state, { timeout: 30_000 })
          .toBe('ok');
        expect(await readDestination(setup.db, id)).toMatchObject({
          failing_since: null,
          consecutive_failures: 0,
          exported_events: String(total),
        });
      }
      for (const id of stored) {
        expect(webhook.idCounts.has(id) && hec.idCounts.has(id)).toBe(true);
      }
      // Without a crash no batch is sent twice; the only resend the protocol allows is a batch
      // the receiver took while its connection was being cut (at most one batch).
      const duplicates = (counts: Map<string, number>) =>
        [...counts.values()].filter((count) => count > 1).length;
      expect(duplicates(webhook.idCounts)).toBeLessThanOrEqual(batchSize);
      expect(duplicates(hec.idCounts)).toBe(0);
      expect(elastic.violations.concat(webhook.violations, hec.violations)).toEqual([]);
      process.stdout.write(
        `reliability: ${total} events over a ${outageMs / 1000} s outage; webhook duplicates ${duplicates(webhook.idCounts)}, HEC duplicates ${duplicates(hec.idCounts)}, Elastic 409s ${elastic.conflicts()}\n`,
      );
    },
    outageMs + 400_000,
  );
});

import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DestinationInput } from '../destinations/destination-schemas';
import { destinationInputSchema } from '../destinations/destination-schemas';
import type { ExportRecord } from '../event/export-record';
import { hashAuditEvent } from '../event/hash-audit-event';
import { makeTestEvents } from '../testing/insert-test-events';
import { startDatadogReceiver } from '../testing/receivers/start-datadog-receiver';
import { startElasticReceiver } from '../testing/receivers/start-elastic-receiver';
import { type HttpReceiver, startHttpReceiver } from '../testing/receivers/start-http-receiver';
import { startSplunkHecReceiver } from '../testing/receivers/start-splunk-hec-receiver';
import { startWebhookReceiver } from '../testing/receivers/start-webhook-receiver';
import { deliverBatch } from './deliver-batch';
import { parseDestinationNetworkPolicy } from './destination-network-policy';

// Real encoders, real sockets, receivers that answer like the real services and check their
// wire format: each test states what the receiver saw and what the worker concluded.

const network = parseDestinationNetworkPolicy({});
const context = { hostname: 'worker-test', productVersion: '0.0.0-test' };
const orgId = randomUUID();

function records(count: number): ExportRecord[] {
  const admin: ExportRecord = {
    kind: 'admin',
    id: '0196c3f3-0000-7000-8000-00000000000a',
    orgId,
    seq: 1,
    time: new Date().toISOString(),
    actorUserId: null,
    actorEmail: 'owner@example.test',
    action: 'destination.created',
    target: 'destination:test',
    details: {},
    ip: null,
    hash: 'a'.repeat(64),
    prevHash: '0'.repeat(64),
  };
  const decisions: ExportRecord[] = makeTestEvents({ deviceId: randomUUID(), count }).map(
    (event) => ({
      kind: 'decision',
      event,
      orgId,
      personId: null,
      groups: ['engineering'],
      receivedAt: new Date().toISOString(),
      chain: 'ok',
      hash: hashAuditEvent(event),
    }),
  );
  return [admin, ...decisions];
}

const idsOf = (batch: ExportRecord[]) =>
  batch.map((record) => (record.kind === 'admin' ? record.id : record.event.id)).sort();

const send = (input: DestinationInput, batch: ExportRecord[], policy = network) =>
  deliverBatch({
    config: destinationInputSchema.parse(input),
    records: batch,
    network: policy,
    context,
  });

const receivers: HttpReceiver[] = [];
afterAll(async () => {
  for (const receiver of receivers) await receiver.close();
});

describe('deliverBatch to a webhook', () => {
  const secret = 'webhook-secret-0123456789';
  let webhook: Awaited<ReturnType<typeof startWebhookReceiver>>;
  beforeAll(async () => {
    webhook = await startWebhookReceiver({ secret });
    receivers.push(webhook);
  });

  it('posts a signed JSON array of every record', async () => {
    const batch = records(5);
    const outcome = await send(
      { type: 'webhook', name: 'hook', url: webhook.endpoint, secret },
      batch,
    );
    expect(outcome).toMatchObject({ outcome: 'delivered', status: 200 });
    expect(webhook.violations).toEqual([]);
    expect([...webhook.idCounts.keys()].sort()).toEqual(idsOf(batch));
  });

  it('is refused with a wrong secret, and the error never holds a secret', async () => {
    const outcome = await send(
      { type: 'webhook', name: 'hook', url: webhook.endpoint, secret: 'another-secret-abcdefgh' },
      records(1),
    );
    expect(outcome).toMatchObject({ outcome: 'rejected', status: 401 });
    expect(JSON.stringify(outcome)).not.toContain('another-secret-abcdefgh');
    webhook.violations.length = 0;
  });
});

describe('deliverBatch to Splunk HEC', () => {
  const token = '11111111-2222-3333-4444-555555555555';
  let hec: Awaited<ReturnType<typeof startSplunkHecReceiver>>;
  beforeAll(async () => {
    hec = await startSplunkHecReceiver({ token });
    receivers.push(hec);
  });
  const input = (url: string, withToken = token): DestinationInput => ({
    type: 'splunk-hec',
    name: 'splunk',
    url,
    token: withToken,
  });

  it('posts concatenated HEC events with the Splunk token', async () => {
    const batch = records(4);
    expect(await send(input(hec.url), batch)).toMatchObject({ outcome: 'delivered', status: 200 });
    expect(hec.violations).toEqual([]);
    expect(hec.events).toHaveLength(batch.length);
    expect([...hec.idCounts.keys()].sort()).toEqual(idsOf(batch));
  });

  it('retries a busy server, honouring Retry-After', async () => {
    await hec.setMode({
      kind: 'fail',
      status: 503,
      retryAfterSeconds: 7,
      body: '{"text":"Server is busy","code":9}',
    });
    const outcome = await send(input(hec.url), records(1));
    await hec.setMode({ kind: 'ok' });
    expect(outcome).toMatchObject({ outcome: 'retry', status: 503, retryAfterMs: 7_000 });
  });

  it('retries when nothing listens', async () => {
    await hec.setMode({ kind: 'down' });
    const outcome = await send(input(hec.url), records(1));
    await hec.setMode({ kind: 'ok' });
    expect(outcome).toMatchObject({ outcome: 'retry' });
    expect(outcome.outcome === 'retry' && outcome.error).toMatch(/ECONNREFUSED|ECONNRESET/);
  });

  it('reports an invalid token as a refusal without quoting it', async () => {
    const outcome = await send(input(hec.url, 'wrong-token-value-42'), records(1));
    expect(outcome).toMatchObject({ outcome: 'rejected', status: 403 });
    expect(JSON.stringify(outcome)).not.toContain('wrong-token-value-42');
    hec.violations.length = 0;
  });
});

describe('deliverBatch to Elastic _bulk', () => {
  const apiKey = 'ZWxhc3RpYzp0ZXN0LWFwaS1rZXk=';
  let elastic: Awaited<ReturnType<typeof startElasticReceiver>>;
  beforeAll(async () => {
    elastic = await startElasticReceiver({ authorization: `ApiKey ${apiKey}` });
    receivers.push(elastic);
  });
  const input = (): DestinationInput => ({ type: 'elastic', name: 'es', url: elastic.url, apiKey });

  it('creates each record under its id, and a resend is exact (409s count as delivered)', async () => {
    const batch = records(6);
    expect(await send(input(), batch)).toMatchObject({ outcome: 'delivered' });
    expect(await send(input(), batch)).toMatchObject({ outcome: 'delivered' });
    expect(elastic.violations).toEqual([]);
    expect([...(elastic.indices.get('parapet-events')?.keys() ?? [])].sort()).toEqual(idsOf(batch));
    expect(elastic.conflicts()).toBe(batch.length);
  });

  it('retries items refused with 429, and shows an item error as a refusal', async () => {
    elastic.failNextItems(1, 429);
    expect(await send(input(), records(2))).toMatchObject({ outcome: 'retry' });
    elastic.failNextItems(1, 400);
    const outcome = await send(input(), records(2));
    expect(outcome).toMatchObject({ outcome: 'rejected' });
    expect(outcome.outcome === 'rejected' && outcome.error).toContain('document_parsing_exception');
  });
});

describe('deliverBatch to Datadog', () => {
  const apiKey = 'dd-api-key-0123456789abcdef';
  it('posts a JSON array with DD-API-KEY and gets 202', async () => {
    const datadog = await startDatadogReceiver({ apiKey });
    receivers.push(datadog);
    const batch = records(3);
    const outcome = await send({ type: 'datadog', name: 'dd', url: datadog.url, apiKey }, batch);
    expect(outcome).toMatchObject({ outcome: 'delivered', status: 202 });
    expect(datadog.violations).toEqual([]);
    expect(datadog.logs).toHaveLength(batch.length);
    expect([...datadog.idCounts.keys()].sort()).toEqual(idsOf(batch));
  });
});

describe('deliverBatch and the network policy', () => {
  const secret = 'webhook-secret-0123456789';
  let redirecting: HttpReceiver;
  beforeAll(async () => {
    redirecting = await startHttpReceiver({
      handle: () => ({
        answer: { status: 302, body: {}, headers: { location: 'http://169.254.169.254/' } },
      }),
    });
    receivers.push(redirecting);
  });

  it('does not follow a redirect', async () => {
    const outcome = await send(
      { type: 'webhook', name: 'hook', url: redirecting.url, secret },
      records(1),
    );
    expect(outcome).toMatchObject({ outcome: 'rejected', status: 302 });
    expect(redirecting.requests).toHaveLength(1);
  });

  it('refuses a denied address before connecting', async () => {
    const policy = parseDestinationNetworkPolicy({ PARAPET_EXPORT_DENIED_NETWORKS: '127.0.0.0/8' });
    const before = redirecting.requests.length;
    const outcome = await send(
      { type: 'webhook', name: 'hook', url: redirecting.url, secret },
      records(1),
      policy,
    );
    expect(outcome).toMatchObject({ outcome: 'rejected' });
    expect(outcome.outcome === 'rejected' && outcome.error).toContain(
      'PARAPET_EXPORT_DENIED_NETWORKS',
    );
    expect(redirecting.requests).toHaveLength(before);
  });

  it('refuses a name when any one of its addresses is denied', async () => {
    // localhost resolves to 127.0.0.1 and ::1 here; denying ::1 alone refuses the name.
    const policy = parseDestinationNetworkPolicy({ PARAPET_EXPORT_DENIED_NETWORKS: '::1/128' });
    const url = redirecting.url.replace('127.0.0.1', 'localhost');
    const outcome = await send({ type: 'webhook', name: 'hook', url, secret }, records(1), policy);
    expect(outcome).toMatchObject({ outcome: 'rejected' });
  });

  it('refuses the metadata address outright', async () => {
    const outcome = await send(
      { type: 'webhook', name: 'hook', url: 'https://169.254.169.254/latest', secret },
      records(1),
    );
    expect(outcome).toMatchObject({ outcome: 'rejected' });
  });
});

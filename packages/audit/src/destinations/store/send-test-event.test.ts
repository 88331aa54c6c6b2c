import { expectAppError, seedOrg, setupTestDatabase } from '@parapet/accounts/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { parseDestinationNetworkPolicy } from '../../deliver/destination-network-policy';
import {
  startWebhookReceiver,
  type WebhookReceiver,
} from '../../testing/receivers/start-webhook-receiver';
import { testEventMarks } from './build-test-record';
import { createDestination } from './create-destination';
import { getDestination } from './list-destinations';
import { sendTestEvent } from './send-test-event';

const db = setupTestDatabase();
const network = parseDestinationNetworkPolicy({});
const secret = 'a-webhook-signing-secret-0001';
let receiver: (WebhookReceiver & { endpoint: string }) | undefined;

afterEach(async () => {
  await receiver?.close();
  receiver = undefined;
});

describe('sendTestEvent', () => {
  it('delivers one signed, clearly marked test event and records the attempt', async () => {
    receiver = await startWebhookReceiver({ secret });
    const org = await seedOrg({ prisma: db() });
    const created = await createDestination({
      db: db(),
      actor: org.admin.actor,
      input: { type: 'webhook', name: 'Hook', url: receiver.endpoint, secret },
      network,
    });
    const outcome = await sendTestEvent({
      db: db(),
      actor: org.admin.actor,
      input: { id: created.id },
      network,
    });
    expect(outcome).toMatchObject({ delivered: true, status: 200 });
    expect(receiver.violations).toEqual([]);
    expect(receiver.records).toHaveLength(1);
    expect(receiver.records[0]).toMatchObject({
      kind: 'decision',
      org: org.orgId,
      resource: { host: testEventMarks.host, port: 443 },
      rule: { id: testEventMarks.ruleId },
      session: { agent: testEventMarks.agent },
    });
    const entry = await db().activityLogEntry.findFirstOrThrow({
      where: { orgId: org.orgId, action: 'destination.test' },
    });
    expect(entry.details).toMatchObject({
      destinationId: created.id,
      delivered: true,
      status: 200,
    });
    expect(JSON.stringify(entry)).not.toContain(secret);
    // A test moves no cursor and counts nothing as exported.
    const after = await getDestination({
      db: db(),
      actor: org.admin.actor,
      input: { id: created.id },
    });
    expect(after).toMatchObject({ exportedEvents: 0, lastSuccessAt: null, state: 'ok' });
  });

  it('answers a refusal by the receiver as not delivered, with the reason, never the secret', async () => {
    receiver = await startWebhookReceiver({ secret: 'the-receiver-expects-another-one' });
    const org = await seedOrg({ prisma: db() });
    const created = await createDestination({
      db: db(),
      actor: org.admin.actor,
      input: { type: 'webhook', name: 'Hook', url: receiver.endpoint, secret },
      network,
    });
    const outcome = await sendTestEvent({
      db: db(),
      actor: org.owner.actor,
      input: { id: created.id },
      network,
    });
    expect(outcome).toMatchObject({ delivered: false, status: 401 });
    expect(outcome.error).toBeTruthy();
    expect(JSON.stringify(outcome)).not.toContain(secret);
  });

  it('answers a closed port as not delivered', async () => {
    const org = await seedOrg({ prisma: db() });
    const created = await createDestination({
      db: db(),
      actor: org.admin.actor,
      input: { type: 'webhook', name: 'Hook', url: 'http://127.0.0.1:9/hook', secret },
      network,
    });
    const outcome = await sendTestEvent({
      db: db(),
      actor: org.admin.actor,
      input: { id: created.id },
      network,
    });
    expect(outcome.delivered).toBe(false);
    expect(outcome.status).toBeUndefined();
  });

  it('refuses auditors and other organizations', async () => {
    const org = await seedOrg({ prisma: db() });
    const other = await seedOrg({ prisma: db() });
    const created = await createDestination({
      db: db(),
      actor: org.admin.actor,
      input: { type: 'webhook', name: 'Hook', url: 'http://127.0.0.1:9/hook', secret },
      network,
    });
    const input = { id: created.id };
    await expectAppError(
      sendTestEvent({ db: db(), actor: org.auditor.actor, input, network }),
      'FORBIDDEN',
    );
    await expectAppError(
      sendTestEvent({ db: db(), actor: other.owner.actor, input, network }),
      'NOT_FOUND',
    );
    expect(await db().activityLogEntry.count({ where: { action: 'destination.test' } })).toBe(0);
  });
});

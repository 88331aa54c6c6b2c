import { createApiKey } from '@parapet/accounts';
import { seedOrg } from '@parapet/accounts/testing';
import { startWebhookReceiver, type WebhookReceiver } from '@parapet/audit/testing';
import type { Role } from '@parapet/db';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { setupRouteDatabase } from '@/server/testing/setup-route-database';
import { DELETE as deleteOne, GET as getOne, PATCH as updateOne } from './[id]/route';
import { POST as sendTest } from './[id]/test/route';
import { POST as create, GET as list } from './route';

// SIEM destinations as automation calls them: Fetch API requests with an API key of each role,
// against a real database, and a real webhook receiver on loopback that checks the signature.
const db = setupRouteDatabase();
const origin = 'http://localhost:3000';
const secret = 'a-webhook-signing-secret-WXYZ';
let receiver: (WebhookReceiver & { endpoint: string }) | undefined;

beforeAll(() => {
  vi.stubEnv('AUTH_URL', origin);
});

afterEach(async () => {
  await receiver?.close();
  receiver = undefined;
});

async function seeded() {
  const org = await seedOrg({ prisma: db() });
  const keys = {} as Record<Role, string>;
  for (const role of ['owner', 'admin', 'auditor'] as const) {
    const created = await createApiKey({
      db: db(),
      actor: org.owner.actor,
      input: { name: `${role} automation`, role },
    });
    keys[role] = created.key;
  }
  return { org, keys };
}

function call(key: string, path: string, init: { method?: string; body?: unknown } = {}): Request {
  const headers: Record<string, string> = { authorization: `Bearer ${key}` };
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  return new Request(`${origin}${path}`, {
    method: init.method ?? 'GET',
    headers,
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
}

const params = (id: string) => ({ params: Promise.resolve({ id }) });

async function answer(response: Response) {
  const text = await response.text();
  return {
    status: response.status,
    body: (text === '' ? null : JSON.parse(text)) as Record<string, unknown>,
    text,
  };
}

describe('the destination routes', () => {
  it('create, list, change, test and delete a webhook destination, never answering its secret', async () => {
    receiver = await startWebhookReceiver({ secret });
    const { keys } = await seeded();
    const created = await answer(
      await create(
        call(keys.admin, '/api/v1/destinations', {
          method: 'POST',
          body: { type: 'webhook', name: 'SOC', url: receiver.endpoint, secret },
        }),
      ),
    );
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      type: 'webhook',
      name: 'SOC',
      format: 'json',
      enabled: true,
      settings: { url: receiver.endpoint },
      hasSecret: true,
      secretHint: 'WXYZ',
      state: 'ok',
      lastError: null,
      lagSeconds: 0,
      backlog: 0,
      exportedEvents: 0,
    });
    expect(created.text).not.toContain(secret);
    const id = created.body.id as string;
    const path = `/api/v1/destinations/${id}`;

    const listed = await answer(await list(call(keys.auditor, '/api/v1/destinations')));
    expect(listed.status).toBe(200);
    expect(listed.body.destinations).toEqual([expect.objectContaining({ id, state: 'ok' })]);
    expect(listed.text).not.toContain(secret);

    const changed = await answer(
      await updateOne(
        call(keys.owner, path, { method: 'PATCH', body: { name: 'SOC (OCSF)', format: 'ocsf' } }),
        params(id),
      ),
    );
    expect(changed).toMatchObject({ status: 200, body: { name: 'SOC (OCSF)', format: 'ocsf' } });

    // The secret kept through the change signs the test event the receiver checks.
    const tested = await answer(
      await sendTest(call(keys.admin, `${path}/test`, { method: 'POST' }), params(id)),
    );
    expect(tested).toMatchObject({ status: 200, body: { delivered: true, status: 200 } });
    expect(receiver.violations).toEqual([]);
    expect(receiver.records).toHaveLength(1);

    const read = await answer(await getOne(call(keys.auditor, path), params(id)));
    expect(read).toMatchObject({ status: 200, body: { id, name: 'SOC (OCSF)' } });

    const deleted = await deleteOne(call(keys.admin, path, { method: 'DELETE' }), params(id));
    expect(deleted.status).toBe(204);
    expect((await getOne(call(keys.admin, path), params(id))).status).toBe(404);
  });

  it('refuse auditors’ changes, unreachable targets, taken names, type changes and other orgs', async () => {
    const { keys } = await seeded();
    const other = await seeded();
    const webhook = { type: 'webhook', name: 'Hook', url: 'http://127.0.0.1:9/hook', secret };
    const post = (key: string, body: unknown) =>
      create(call(key, '/api/v1/destinations', { method: 'POST', body }));
    expect((await post(keys.auditor, webhook)).status).toBe(403);
    const metadata = await answer(
      await post(keys.admin, { ...webhook, url: 'https://169.254.169.254/latest' }),
    );
    expect(metadata.status).toBe(400);
    expect(metadata.body).toMatchObject({
      error: { code: 'INVALID_INPUT', fieldErrors: { url: [expect.any(String)] } },
    });
    const plainHttp = await answer(
      await post(keys.admin, { ...webhook, url: 'http://203.0.113.10/hook' }),
    );
    expect(plainHttp.status).toBe(400);
    const created = await answer(await post(keys.admin, webhook));
    expect(created.status).toBe(201);
    expect((await post(keys.owner, webhook)).status).toBe(409);
    const id = created.body.id as string;
    const path = `/api/v1/destinations/${id}`;
    const patch = (key: string, body: unknown) =>
      updateOne(call(key, path, { method: 'PATCH', body }), params(id));
    expect((await patch(keys.admin, { type: 'syslog' })).status).toBe(400);
    expect((await patch(keys.auditor, { name: 'Mine' })).status).toBe(403);
    expect((await patch(other.keys.owner, { name: 'Mine' })).status).toBe(404);
    expect((await getOne(call(other.keys.owner, path), params(id))).status).toBe(404);
    expect(
      (await sendTest(call(other.keys.owner, `${path}/test`, { method: 'POST' }), params(id)))
        .status,
    ).toBe(404);
    // A receiver that is not there is an answer about the destination, not a failed call.
    const refused = await answer(
      await sendTest(call(keys.admin, `${path}/test`, { method: 'POST' }), params(id)),
    );
    expect(refused).toMatchObject({ status: 200, body: { delivered: false } });
    expect(refused.body.error).toEqual(expect.any(String));
  });
});

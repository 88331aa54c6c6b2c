import { createApiKey, createSession } from '@parapet/accounts';
import { apiKeyRowSchema } from '@parapet/accounts/schemas';
import { seedOrg } from '@parapet/accounts/testing';
import { AppError } from '@parapet/errors';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { DELETE as revokeKey } from '@/app/api/v1/api-keys/[id]/route';
import { POST as createKey, GET as listKeys } from '@/app/api/v1/api-keys/route';
import { setupRouteDatabase } from '../testing/setup-route-database';
import { apiAccess, publicAccess } from './access';
import { defineRoute } from './entry-points';

// The admin API as Next.js calls it: a Fetch API Request (and the address's dynamic segments)
// in, a Response out, against a real database; API keys and sessions as its two credentials.
const db = setupRouteDatabase();
const origin = 'http://localhost:3000';

beforeAll(() => {
  vi.stubEnv('AUTH_URL', origin);
});

async function seeded() {
  const org = await seedOrg({ prisma: db() });
  const { sessionToken } = await db().$transaction((tx) =>
    createSession({ tx, userId: org.owner.user.id }),
  );
  const ownerKey = await createApiKey({
    db: db(),
    actor: org.owner.actor,
    input: { name: 'Deploy bot', role: 'owner' },
  });
  return { org, cookie: `authjs.session-token=${sessionToken}`, ownerKey };
}

function params(values: Record<string, string>) {
  return { params: Promise.resolve(values) };
}

async function answer(response: Response) {
  const text = await response.text();
  return { status: response.status, body: text === '' ? null : (JSON.parse(text) as unknown) };
}

describe('an admin API call with an API key', () => {
  it('creates a key (201, bare JSON) without Origin or cookies, and the new key works', async () => {
    const { ownerKey } = await seeded();
    const response = await createKey(
      new Request(`${origin}/api/v1/api-keys`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${ownerKey.key}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ name: 'CI', role: 'auditor' }),
      }),
    );
    const created = await answer(response);
    expect(created).toEqual({
      status: 201,
      body: { id: expect.any(String), key: expect.stringMatching(/^ppk_[A-Za-z0-9_-]{43}$/) },
    });
    expect(response.headers.get('cache-control')).toBe('no-store');
    const { key } = created.body as { key: string };
    const listed = await answer(
      await listKeys(
        new Request(`${origin}/api/v1/api-keys`, { headers: { authorization: `Bearer ${key}` } }),
      ),
    );
    expect(listed.status).toBe(200);
    // What the OpenAPI document promises is what comes back.
    expect(() => z.object({ apiKeys: z.array(apiKeyRowSchema) }).parse(listed.body)).not.toThrow();
    const { apiKeys } = listed.body as { apiKeys: { name: string; prefix: string }[] };
    expect(apiKeys.map((row) => row.name)).toEqual(['CI', 'Deploy bot']);
    expect(JSON.stringify(listed.body)).not.toContain(key);
    expect(apiKeys[0]?.prefix).toBe(key.slice(0, 12));
  });

  it('records in the activity log the key and the member who created it', async () => {
    const { org, ownerKey } = await seeded();
    await createKey(
      new Request(`${origin}/api/v1/api-keys`, {
        method: 'POST',
        headers: { authorization: `Bearer ${ownerKey.key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'CI', role: 'admin' }),
      }),
    );
    const entry = await db().activityLogEntry.findFirstOrThrow({
      where: { orgId: org.orgId },
      orderBy: { seq: 'desc' },
    });
    expect(entry).toMatchObject({
      action: 'api_key_created',
      target: 'CI',
      actorUserId: org.owner.user.id,
      actorEmail: org.owner.user.email,
      details: { role: 'admin', apiKey: { id: ownerKey.id, name: 'Deploy bot' } },
    });
  });

  it('notes when a key was last used, at most once a minute', async () => {
    const { ownerKey } = await seeded();
    const lastUsed = async () =>
      (await db().apiKey.findUniqueOrThrow({ where: { id: ownerKey.id } })).lastUsedAt;
    expect(await lastUsed()).toBeNull();
    const call = () =>
      listKeys(
        new Request(`${origin}/api/v1/api-keys`, {
          headers: { authorization: `Bearer ${ownerKey.key}` },
        }),
      );
    await call();
    const first = await lastUsed();
    expect(first).toBeInstanceOf(Date);
    await call();
    expect(await lastUsed()).toEqual(first);
  });

  it('answers a bad key with 401, the error body and WWW-Authenticate, even beside a session', async () => {
    const { cookie } = await seeded();
    const response = await listKeys(
      new Request(`${origin}/api/v1/api-keys`, {
        headers: { authorization: `Bearer ppk_${'x'.repeat(40)}`, cookie },
      }),
    );
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
    expect(await answer(response)).toEqual({
      status: 401,
      body: {
        error: {
          code: 'UNAUTHENTICATED',
          message: 'This API key is not valid.',
          requestId: expect.any(String),
        },
      },
    });
  });

  it('refuses a key whose creator has left, and acts no higher than its creator’s role', async () => {
    const { org, ownerKey } = await seeded();
    await db().membership.update({
      where: { id: org.owner.membership.id },
      data: { role: 'admin' },
    });
    const demoted = await answer(
      await createKey(
        new Request(`${origin}/api/v1/api-keys`, {
          method: 'POST',
          headers: { authorization: `Bearer ${ownerKey.key}`, 'content-type': 'application/json' },
          body: JSON.stringify({ name: 'CI', role: 'auditor' }),
        }),
      ),
    );
    expect(demoted).toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN' } } });
    await db().membership.delete({ where: { id: org.owner.membership.id } });
    const gone = await answer(
      await listKeys(
        new Request(`${origin}/api/v1/api-keys`, {
          headers: { authorization: `Bearer ${ownerKey.key}` },
        }),
      ),
    );
    expect(gone).toMatchObject({ status: 401, body: { error: { code: 'UNAUTHENTICATED' } } });
  });
});

describe('an admin API call with a session', () => {
  it('works with the organization named, and passes the same-origin guard first', async () => {
    const { org, cookie } = await seeded();
    const post = (headers: Record<string, string>) =>
      createKey(
        new Request(`${origin}/api/v1/api-keys`, {
          method: 'POST',
          headers: { cookie, 'content-type': 'application/json', ...headers },
          body: JSON.stringify({ orgId: org.orgId, name: 'CI', role: 'auditor' }),
        }),
      );
    expect((await post({})).status).toBe(403);
    expect((await post({ origin: 'https://attacker.example' })).status).toBe(403);
    expect((await post({ origin })).status).toBe(201);
  });
});

describe('a route with path segments', () => {
  it('takes the segment over a body field of the same name', async () => {
    const { ownerKey, org } = await seeded();
    const other = await createApiKey({
      db: db(),
      actor: org.owner.actor,
      input: { name: 'Other', role: 'auditor' },
    });
    const revoked = await answer(
      await revokeKey(
        new Request(`${origin}/api/v1/api-keys/${other.id}`, {
          method: 'DELETE',
          headers: { authorization: `Bearer ${ownerKey.key}`, 'content-type': 'application/json' },
          body: JSON.stringify({ id: ownerKey.id }),
        }),
        params({ id: other.id }),
      ),
    );
    expect(revoked).toMatchObject({
      status: 200,
      body: { id: other.id, name: 'Other', revokedAt: expect.any(String) },
    });
    const still = await db().apiKey.findUniqueOrThrow({ where: { id: ownerKey.id } });
    expect(still.revokedAt).toBeNull();
  });

  it('reads an empty JSON body as no fields, and refuses JSON that is not an object', async () => {
    const { ownerKey } = await seeded();
    const post = async (body: string, contentType = 'application/json') =>
      answer(
        await createKey(
          new Request(`${origin}/api/v1/api-keys`, {
            method: 'POST',
            headers: { authorization: `Bearer ${ownerKey.key}`, 'content-type': contentType },
            body,
          }),
        ),
      );
    // The schema names the fields it misses; no internal key reaches the caller.
    const empty = await post('');
    expect(empty).toMatchObject({ status: 400, body: { error: { code: 'INVALID_INPUT' } } });
    expect(JSON.stringify(empty.body)).toContain('name');
    expect(JSON.stringify(empty.body)).not.toContain('_body');
    for (const [body, message] of [
      ['[1]', 'The body must be a JSON object.'],
      ['"text"', 'The body must be a JSON object.'],
      ['null', 'The body must be a JSON object.'],
      ['{"name":', 'The body is not valid JSON.'],
    ]) {
      expect(await post(body as string)).toMatchObject({
        status: 400,
        body: { error: { code: 'INVALID_INPUT', message } },
      });
    }
  });

  it('answers a DELETE without a body', async () => {
    const { ownerKey, org } = await seeded();
    const other = await createApiKey({
      db: db(),
      actor: org.owner.actor,
      input: { name: 'Other', role: 'auditor' },
    });
    const request = () =>
      new Request(`${origin}/api/v1/api-keys/${other.id}`, {
        method: 'DELETE',
        headers: { authorization: `Bearer ${ownerKey.key}` },
      });
    expect((await revokeKey(request(), params({ id: other.id }))).status).toBe(200);
    expect(await answer(await revokeKey(request(), params({ id: other.id })))).toMatchObject({
      status: 409,
      body: { error: { code: 'CONFLICT' } },
    });
    expect(await answer(await revokeKey(request(), params({ id: 'not-a-uuid' })))).toMatchObject({
      status: 400,
      body: { error: { code: 'INVALID_INPUT' } },
    });
  });
});

describe('a route taking a document', () => {
  // A throwaway route: the text as sent, its format, a revision from If-Match, an ETag back.
  const save = defineRoute({
    name: 'test.saveDocument',
    method: 'PUT',
    access: apiAccess('admin'),
    input: z.strictObject({
      name: z.string(),
      source: z.string(),
      format: z.enum(['yaml', 'json']),
      ifMatch: z.string().optional(),
    }),
    api: { path: '/api/v1/test/{name}', summary: 'Save a test document' },
    bodyKind: 'document',
    headerInput: { ifMatch: 'if-match' },
    async run({ input }) {
      if (input.ifMatch === '"1"') {
        throw new AppError('CONFLICT', 'Stale.', {
          issues: [{ path: 'network', line: 3, message: 'Not a host.' }],
        });
      }
      return { ...input, created: input.ifMatch === undefined, revision: 2 };
    },
    status: (saved) => (saved.created ? 201 : 200),
    headers: (saved) => ({ ETag: `"${saved.revision}"` }),
  });

  async function put(contentType: string, body: string, extra: Record<string, string> = {}) {
    const { ownerKey } = await seeded();
    const response = await save(
      new Request(`${origin}/api/v1/test/ops`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${ownerKey.key}`, 'content-type': contentType, ...extra },
        body,
      }),
      params({ name: 'ops' }),
    );
    return { etag: response.headers.get('etag'), ...(await answer(response)) };
  }

  it.each([
    ['application/yaml', 'yaml'],
    ['text/yaml; charset=utf-8', 'yaml'],
    ['application/json', 'json'],
  ])('keeps a %s body exactly as written', async (contentType, format) => {
    const source = '# comment kept\nnetwork:\n  rules: []   # trailing\n';
    expect(await put(contentType, source)).toEqual({
      status: 201,
      etag: '"2"',
      body: { name: 'ops', source, format, created: true, revision: 2 },
    });
  });

  it('reads the header it asks for, and answers an error’s issues', async () => {
    expect(await put('application/yaml', 'a: 1', { 'if-match': '"2"' })).toMatchObject({
      status: 200,
      body: { ifMatch: '"2"', created: false },
    });
    expect(await put('application/yaml', 'a: 1', { 'if-match': '"1"' })).toMatchObject({
      status: 409,
      etag: null,
      body: {
        error: {
          code: 'CONFLICT',
          issues: [{ path: 'network', line: 3, message: 'Not a host.' }],
        },
      },
    });
  });

  it('refuses another media type with 415', async () => {
    expect((await put('text/plain', 'a: 1')).status).toBe(415);
    expect((await put('application/x-www-form-urlencoded', 'a=1')).status).toBe(415);
  });
});

describe('a route answering 204', () => {
  const empty = defineRoute({
    name: 'test.nothing',
    method: 'DELETE',
    access: publicAccess('A route declared by this test only, to check an answer without body.'),
    input: z.strictObject({}),
    api: { path: '/api/v1/test/nothing', summary: 'Nothing' },
    status: 204,
    async run() {
      return null;
    },
  });

  it('sends no body', async () => {
    const response = await empty(
      new Request(`${origin}/api/v1/test/nothing`, {
        method: 'DELETE',
        headers: { authorization: 'Bearer anything' },
      }),
    );
    expect(response.status).toBe(204);
    expect(await response.text()).toBe('');
  });
});

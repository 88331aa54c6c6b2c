import { seedOrg } from '@parapet/accounts/testing';
import { createDirectory } from '@parapet/directory';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { setupRouteDatabase } from '@/server/testing/setup-route-database';
import { DELETE, GET, PATCH, POST, PUT } from './v2/[directory]/[[...path]]/route';

// The SCIM service as identity providers reach it: Fetch API requests to the console's route
// handler with a directory's bearer token and no cookies, against a real database.

const db = setupRouteDatabase();
const origin = 'http://localhost:3000';
const handlers = { GET, POST, PUT, PATCH, DELETE } as const;

beforeAll(() => {
  vi.stubEnv('AUTH_URL', origin);
});

async function directoryOf(name: string) {
  const org = await seedOrg({ prisma: db(), name });
  const directory = await createDirectory({
    db: db(),
    actor: org.owner.actor,
    input: { name },
    origin,
  });
  return { org, ...directory };
}

async function call(
  method: keyof typeof handlers,
  directory: string,
  path: string,
  {
    token,
    body,
    type = 'application/scim+json',
  }: { token?: string; body?: string | object; type?: string } = {},
) {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = type;
  const url = `${origin}/scim/v2/${directory}/${path}`;
  const request = new Request(url, {
    method,
    headers,
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  const segments = new URL(url).pathname.split('/').slice(4).filter(Boolean);
  const response = await handlers[method](request, {
    params: Promise.resolve({ directory, path: segments }),
  } as never);
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: text ? JSON.parse(text) : null,
  };
}

const user = (userName: string) => ({
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
  userName,
  emails: [{ value: userName, primary: true }],
  active: true,
});

describe('the SCIM route', () => {
  it('serves a directory with its token, as application/scim+json, without cookies', async () => {
    const a = await directoryOf('A');
    const config = await call('GET', a.id, 'ServiceProviderConfig', { token: a.token });
    expect(config.status).toBe(200);
    expect(config.headers.get('content-type')).toBe('application/scim+json; charset=utf-8');
    expect(config.body).toMatchObject({
      patch: { supported: true },
      bulk: { supported: false },
      etag: { supported: true },
    });
    const created = await call('POST', a.id, 'Users', {
      token: a.token,
      body: user('ada@a.example'),
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(
      `${origin}/scim/v2/${a.id}/Users/${created.body.id}`,
    );
    const wrongType = await call('POST', a.id, 'Users', {
      token: a.token,
      body: user('b@a.example'),
      type: 'text/plain',
    });
    expect(wrongType).toMatchObject({ status: 415, body: { status: '415' } });
    const tooLarge = await call('POST', a.id, 'Users', {
      token: a.token,
      body: `{"userName":"${'x'.repeat(1_100_000)}"}`,
    });
    expect(tooLarge).toMatchObject({ status: 413, body: { status: '413' } });
    const garbled = await call('PATCH', a.id, `Users/${created.body.id}`, {
      token: a.token,
      body: '{"Operations":',
    });
    expect(garbled).toMatchObject({ status: 400, body: { scimType: 'invalidSyntax' } });
  });

  it('keeps organizations apart: a token sees only its own directory, and the wrong path is 401', async () => {
    const a = await directoryOf('A');
    const b = await directoryOf('B');
    const ada = await call('POST', a.id, 'Users', { token: a.token, body: user('ada@a.example') });
    const adaId = ada.body.id as string;
    const group = await call('POST', a.id, 'Groups', {
      token: a.token,
      body: { displayName: 'eng', members: [{ value: adaId }] },
    });

    const listed = await call('GET', b.id, 'Users', { token: b.token });
    expect(listed.body).toMatchObject({ totalResults: 0, Resources: [] });
    expect((await call('GET', b.id, `Users/${adaId}`, { token: b.token })).status).toBe(404);
    expect((await call('GET', b.id, `Groups/${group.body.id}`, { token: b.token })).status).toBe(
      404,
    );
    const patch = {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'replace', path: 'active', value: false }],
    };
    expect(
      (await call('PATCH', b.id, `Users/${adaId}`, { token: b.token, body: patch })).status,
    ).toBe(404);
    expect((await call('DELETE', b.id, `Users/${adaId}`, { token: b.token })).status).toBe(404);
    // B's group cannot take A's user as a member.
    const stolen = await call('POST', b.id, 'Groups', {
      token: b.token,
      body: { displayName: 'x', members: [{ value: adaId }] },
    });
    expect(stolen).toMatchObject({ status: 400, body: { scimType: 'invalidValue' } });

    for (const [label, directory, token] of [
      ['B’s token at A’s address', a.id, b.token],
      ['no token', a.id, undefined],
      ['a forged token', a.id, `pds_${'x'.repeat(43)}`],
      ['not a directory id', 'nope', a.token],
    ] as const) {
      const refused = await call('GET', directory, 'Users', token ? { token } : {});
      expect(refused, label).toMatchObject({ status: 401, body: { status: '401' } });
      expect(refused.headers.get('www-authenticate'), label).toContain('Bearer');
    }
    const stillThere = await db().person.findUniqueOrThrow({ where: { id: adaId } });
    expect(stillThere.active).toBe(true);
    const refusals = await db().directoryEvent.count({ where: { directoryId: a.id, status: 401 } });
    expect(refusals).toBe(3);
  });
});

import { createApiKey, hashSecretToken } from '@parapet/accounts';
import { seedOrg } from '@parapet/accounts/testing';
import type { Role } from '@parapet/db';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { setupRouteDatabase } from '@/server/testing/setup-route-database';
import { GET as events } from './[id]/events/route';
import { PUT as setMapping } from './[id]/groups/[groupId]/mapping/route';
import { GET as groups } from './[id]/groups/route';
import { POST as rotate } from './[id]/rotate-token/route';
import { DELETE as deleteOne, GET as getOne } from './[id]/route';
import { POST as create, GET as list } from './route';

// Directory connections as automation calls them: Fetch API requests with an API key of each
// role, against a real database.
const db = setupRouteDatabase();
const origin = 'https://parapet.example.com';

beforeAll(() => {
  vi.stubEnv('AUTH_URL', origin);
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

const params = (values: Record<string, string>) => ({ params: Promise.resolve(values) });

async function answer(response: Response) {
  const text = await response.text();
  return {
    status: response.status,
    body: (text === '' ? null : JSON.parse(text)) as Record<string, unknown>,
    text,
  };
}

describe('the directory routes', () => {
  it('create (owners; token once), list, read, rotate and delete, never answering a token afterwards', async () => {
    const { keys } = await seeded();
    const refused = await answer(
      await create(
        call(keys.admin, '/api/v1/directories', { method: 'POST', body: { name: 'x' } }),
      ),
    );
    expect(refused.status).toBe(403);
    const created = await answer(
      await create(
        call(keys.owner, '/api/v1/directories', { method: 'POST', body: { name: 'Okta' } }),
      ),
    );
    expect(created.status).toBe(201);
    expect(Object.keys(created.body).sort()).toEqual(['id', 'name', 'scimBaseUrl', 'token']);
    const id = created.body.id as string;
    const token = created.body.token as string;
    expect(created.body.scimBaseUrl).toBe(`${origin}/scim/v2/${id}`);
    expect(token).toMatch(/^pds_/);

    const listed = await answer(await list(call(keys.auditor, '/api/v1/directories')));
    expect(listed.status).toBe(200);
    expect(listed.body.directories).toMatchObject([
      { id, name: 'Okta', scimBaseUrl: `${origin}/scim/v2/${id}`, userCount: 0, errorCount: 0 },
    ]);
    expect(listed.text).not.toContain(token);
    const one = await answer(
      await getOne(call(keys.auditor, `/api/v1/directories/${id}`), params({ id })),
    );
    expect(one.body).toMatchObject({ id, tokenPrefix: token.slice(0, 12), lastSyncAt: null });

    const rotated = await answer(
      await rotate(
        call(keys.owner, `/api/v1/directories/${id}/rotate-token`, { method: 'POST' }),
        params({ id }),
      ),
    );
    expect(rotated.status).toBe(200);
    expect(Object.keys(rotated.body)).toEqual(['token']);
    expect(rotated.body.token).not.toBe(token);
    const row = await db().directory.findUniqueOrThrow({ where: { id } });
    expect(row.tokenHash).toBe(hashSecretToken(rotated.body.token as string));

    const adminDelete = await deleteOne(
      call(keys.admin, `/api/v1/directories/${id}`, { method: 'DELETE' }),
      params({ id }),
    );
    expect(adminDelete.status).toBe(403);
    const deleted = await deleteOne(
      call(keys.owner, `/api/v1/directories/${id}`, { method: 'DELETE' }),
      params({ id }),
    );
    expect(deleted.status).toBe(204);
    const gone = await answer(
      await getOne(call(keys.owner, `/api/v1/directories/${id}`), params({ id })),
    );
    expect(gone.status).toBe(404);
  });

  it('lists groups, maps one (admins) and pages the event log with an outcome filter', async () => {
    const { org, keys } = await seeded();
    const orgId = org.orgId;
    const created = await answer(
      await create(
        call(keys.owner, '/api/v1/directories', { method: 'POST', body: { name: 'Entra' } }),
      ),
    );
    const id = created.body.id as string;
    await db().policyGroup.create({ data: { orgId, name: 'eng' } });
    const group = await db().directoryGroup.create({
      data: { orgId, directoryId: id, displayName: 'Engineers' },
    });
    const person = await db().person.create({
      data: { orgId, email: 'ada@example.com', directoryId: id, userName: 'ada@example.com' },
    });
    await db().directoryGroupMember.create({
      data: { orgId, groupId: group.id, personId: person.id },
    });
    await db().directoryEvent.createMany({
      data: ['ok', 'refused', 'ok'].map((outcome, index) => ({
        orgId,
        directoryId: id,
        at: new Date(Date.UTC(2026, 0, 1, 0, 0, index)),
        action: outcome === 'ok' ? 'user.created' : 'request.refused',
        outcome,
        method: 'POST',
        path: '/Users',
        status: outcome === 'ok' ? 201 : 409,
        summary: `event ${index}`,
      })),
    });

    const path = `/api/v1/directories/${id}/groups/${group.id}/mapping`;
    const byAuditor = await setMapping(
      call(keys.auditor, path, { method: 'PUT', body: { policyGroups: ['eng'] } }),
      params({ id, groupId: group.id }),
    );
    expect(byAuditor.status).toBe(403);
    const unknown = await answer(
      await setMapping(
        call(keys.admin, path, { method: 'PUT', body: { policyGroups: ['nope'] } }),
        params({ id, groupId: group.id }),
      ),
    );
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({ error: { code: 'INVALID_INPUT' } });
    const mapped = await answer(
      await setMapping(
        call(keys.admin, path, { method: 'PUT', body: { policyGroups: ['eng'] } }),
        params({ id, groupId: group.id }),
      ),
    );
    expect(mapped.status).toBe(200);
    expect(mapped.body).toMatchObject({
      displayName: 'Engineers',
      memberCount: 1,
      policyGroups: ['eng'],
    });
    const rows = await db().personGroup.findMany({ where: { personId: person.id } });
    expect(rows).toMatchObject([{ source: 'directory' }]);

    const listedGroups = await answer(
      await groups(call(keys.auditor, `/api/v1/directories/${id}/groups`), params({ id })),
    );
    expect(listedGroups.body.groups).toMatchObject([{ id: group.id, policyGroups: ['eng'] }]);

    const firstPage = await answer(
      await events(call(keys.auditor, `/api/v1/directories/${id}/events?limit=2`), params({ id })),
    );
    expect((firstPage.body.events as { summary: string }[]).map((e) => e.summary)).toEqual([
      'event 2',
      'event 1',
    ]);
    const cursor = firstPage.body.nextCursor as string;
    const secondPage = await answer(
      await events(
        call(
          keys.auditor,
          `/api/v1/directories/${id}/events?limit=2&cursor=${encodeURIComponent(cursor)}`,
        ),
        params({ id }),
      ),
    );
    expect(secondPage.body).toMatchObject({ events: [{ summary: 'event 0' }], nextCursor: null });
    const refusedOnly = await answer(
      await events(
        call(keys.auditor, `/api/v1/directories/${id}/events?outcome=refused`),
        params({ id }),
      ),
    );
    expect(refusedOnly.body.events).toMatchObject([{ summary: 'event 1', status: 409 }]);
    const bad = await answer(
      await events(
        call(keys.auditor, `/api/v1/directories/${id}/events?outcome=maybe`),
        params({ id }),
      ),
    );
    expect(bad.status).toBe(400);
  });
});

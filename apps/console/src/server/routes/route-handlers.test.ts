import { createSession } from '@parapet/accounts';
import { seedOrg } from '@parapet/accounts/testing';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { GET as activityGet } from '@/app/api/activity/route';
import { GET as healthGet } from '@/app/api/health/route';
import { publicAccess } from '../actions/access';
import { setupRouteDatabase } from '../testing/setup-route-database';
import { defineRoute } from './define-route';

// The route handlers as Next.js calls them: a Fetch API Request in, a Response out, against a
// real database. Whatever a client sends, the answer is a 4xx with the error body, never a 500.
const db = setupRouteDatabase();
const origin = 'http://localhost:3000';

beforeAll(() => {
  vi.stubEnv('AUTH_URL', origin);
});

async function signedInOwner() {
  const org = await seedOrg({ prisma: db() });
  const { sessionToken } = await db().$transaction((tx) =>
    createSession({ tx, userId: org.owner.user.id }),
  );
  return { org, cookie: `authjs.session-token=${sessionToken}` };
}

async function answer(response: Response) {
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('route handlers, given what a client may send', () => {
  it('treat a malformed session cookie as no session', async () => {
    const cookie = 'authjs.session-token=%E0%A4%A';
    const health = await healthGet(new Request(`${origin}/api/health`, { headers: { cookie } }));
    expect(await answer(health)).toEqual({ status: 200, body: { data: { status: 'ok' } } });
    const { org } = await signedInOwner();
    const activity = await activityGet(
      new Request(`${origin}/api/activity?orgId=${org.orgId}`, { headers: { cookie } }),
    );
    expect(await answer(activity)).toMatchObject({
      status: 401,
      body: { error: { code: 'UNAUTHENTICATED' } },
    });
  });

  it.each([
    ['before beyond a sequence number', 'before=3000000000'],
    ['a negative before', 'before=-1'],
    ['a limit beyond any column', 'limit=3000000000'],
    ['a fractional limit', 'limit=1.5'],
    ['an unknown parameter', 'sort=desc'],
  ])('answer %s with 400 and the field', async (_name, query) => {
    const { org, cookie } = await signedInOwner();
    const response = await activityGet(
      new Request(`${origin}/api/activity?orgId=${org.orgId}&${query}`, { headers: { cookie } }),
    );
    expect(await answer(response)).toMatchObject({
      status: 400,
      body: { error: { code: 'INVALID_INPUT' } },
    });
  });
});

describe('a route that changes something (POST)', () => {
  // A throwaway route: no POST route exists yet, and the first one must be protected already.
  const echo = defineRoute({
    name: 'test.echo',
    method: 'POST',
    access: publicAccess('A route declared by this test only, to check the write guard.'),
    input: z.strictObject({ value: z.string() }),
    async run({ input }) {
      return { echoed: input.value };
    },
  });

  function post(headers: Record<string, string>, body = JSON.stringify({ value: 'hi' })) {
    return echo(new Request(`${origin}/api/test/echo`, { method: 'POST', headers, body }));
  }

  const json = { 'content-type': 'application/json' };

  it('answers a same-origin JSON request', async () => {
    expect(await answer(await post({ ...json, origin }))).toEqual({
      status: 200,
      body: { data: { echoed: 'hi' } },
    });
    expect(
      await answer(
        await post({
          'content-type': 'application/json; charset=utf-8',
          origin,
          'sec-fetch-site': 'same-origin',
        }),
      ),
    ).toMatchObject({ status: 200 });
  });

  it.each([
    ['without an Origin', { ...json }, 403],
    ['from another origin', { ...json, origin: 'https://attacker.example' }, 403],
    ['from another port of the same host', { ...json, origin: 'http://localhost:3001' }, 403],
    ['with the literal origin null', { ...json, origin: 'null' }, 403],
    ['marked cross-site by the browser', { ...json, origin, 'sec-fetch-site': 'cross-site' }, 403],
    ['as a form post', { origin, 'content-type': 'application/x-www-form-urlencoded' }, 415],
    ['as text/plain', { origin, 'content-type': 'text/plain' }, 415],
    ['without a content type', { origin }, 415],
  ])('refuses a request %s', async (_name, headers, status) => {
    const response = await answer(await post(headers));
    expect(response.status).toBe(status);
    expect(response.body).toMatchObject({ error: { requestId: expect.any(String) } });
  });

  it('refuses a body that is not JSON, or not an object, as invalid input', async () => {
    for (const body of ['{not json', '[1,2]', '"text"', '']) {
      expect((await answer(await post({ ...json, origin }, body))).status).toBe(400);
    }
  });
});

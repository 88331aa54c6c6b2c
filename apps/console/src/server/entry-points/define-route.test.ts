import { createSession } from '@parapet/accounts';
import { seedOrg } from '@parapet/accounts/testing';
import { provokeBusyDatabase } from '@parapet/db/testing';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { GET as activityGet } from '@/app/api/activity/route';
import { GET as healthGet } from '@/app/api/health/route';
import { setupRouteDatabase } from '../testing/setup-route-database';
import { publicAccess } from './access';
import { defineRoute } from './entry-points';

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

  it('reads a POST without a body or a content type as no fields', async () => {
    const response = await answer(
      await echo(new Request(`${origin}/api/test/echo`, { method: 'POST', headers: { origin } })),
    );
    expect(response).toMatchObject({
      status: 400,
      body: { error: { code: 'INVALID_INPUT', fieldErrors: { value: expect.any(Array) } } },
    });
  });

  it('refuses a body that is not JSON, or not an object, as invalid input', async () => {
    for (const body of ['{not json', '[1,2]', '"text"', '']) {
      expect((await answer(await post({ ...json, origin }, body))).status).toBe(400);
    }
  });
});

describe('a route when the database is too busy to answer in time', () => {
  // A throwaway route whose database work meets a pool with no connection to give.
  const busy = defineRoute({
    name: 'test.busy',
    method: 'GET',
    access: publicAccess('A route declared by this test only, to check the overload answer.'),
    input: z.strictObject({}),
    async run() {
      throw await provokeBusyDatabase('query');
    },
  });

  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('answers 429 with Retry-After and the error body, not a 500', async () => {
    const logged = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const failed = vi.spyOn(console, 'error').mockImplementation(() => {});
    const response = await busy(new Request(`${origin}/api/test/busy`));
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toMatch(/^[1-9]\d*$/);
    expect(await response.json()).toEqual({
      error: {
        code: 'BUSY',
        message: 'Parapet is busy. Try again in a few seconds.',
        requestId: expect.any(String),
      },
    });
    expect(logged).toHaveBeenCalledOnce();
    expect(failed).not.toHaveBeenCalled();
  });
});

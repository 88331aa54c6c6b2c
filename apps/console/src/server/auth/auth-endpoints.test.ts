import { createSession } from '@parapet/accounts';
import { seedOrg } from '@parapet/accounts/testing';
import { NextRequest } from 'next/server';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { GET, POST } from '@/app/api/auth/[...nextauth]/route';
import { setupRouteDatabase } from '../testing/setup-route-database';

// Auth.js's endpoints as the console serves them. Its sign-out endpoint is not served: signing
// out is the console's own action, which records it in the activity log; Auth.js's would end
// the session without a trace.
const db = setupRouteDatabase();
const origin = 'http://localhost:3000';

beforeAll(() => {
  vi.stubEnv('AUTH_URL', origin);
  vi.stubEnv('AUTH_SECRET', 'a-test-secret-that-is-long-enough-for-authjs');
});

describe("Auth.js's endpoints", () => {
  it('do not include sign-out: the session survives and nothing is recorded', async () => {
    const org = await seedOrg({ prisma: db() });
    const { sessionToken } = await db().$transaction((tx) =>
      createSession({ tx, userId: org.owner.user.id }),
    );
    const cookie = `authjs.session-token=${sessionToken}`;
    for (const [handler, path] of [
      [GET, '/api/auth/signout'],
      [POST, '/api/auth/signout'],
      [GET, '/api/auth//signout/'],
      [POST, '/api/auth/signout?callbackUrl=/'],
    ] as const) {
      const response = await handler(
        new NextRequest(`${origin}${path}`, {
          method: handler === GET ? 'GET' : 'POST',
          headers: { cookie, origin, 'content-type': 'application/x-www-form-urlencoded' },
          ...(handler === POST ? { body: 'csrfToken=whatever' } : {}),
        }),
      );
      expect(response.status, path).toBe(404);
    }
    expect(await db().session.count()).toBe(1);
    expect(await db().activityLogEntry.count()).toBe(0);
  });

  it('still answer the others', async () => {
    const response = await GET(new NextRequest(`${origin}/api/auth/providers`));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({});
  });
});

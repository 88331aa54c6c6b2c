import { createActivityCheckpoint, createInvite, createSession } from '@parapet/accounts';
import { seedOrg } from '@parapet/accounts/testing';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { setupRouteDatabase } from '@/server/testing/setup-route-database';
import { GET, POST } from './route';

// The checkpoint routes as Next.js calls them, against a real database: the download is a file,
// and a checkpoint kept from before tells a cut log from an intact one.
const db = setupRouteDatabase();
const origin = 'http://localhost:3000';

beforeAll(() => {
  vi.stubEnv('AUTH_URL', origin);
});

async function invite(actor: Parameters<typeof createInvite>[0]['actor'], emails: string[]) {
  for (const email of emails) {
    await createInvite({ db: db(), actor, input: { email, role: 'auditor' } });
  }
}

async function signedInAuditor() {
  const org = await seedOrg({ prisma: db() });
  const { sessionToken } = await db().$transaction((tx) =>
    createSession({ tx, userId: org.auditor.user.id }),
  );
  return { org, cookie: `authjs.session-token=${sessionToken}` };
}

function download(orgId: string, cookie: string) {
  return GET(
    new Request(`${origin}/api/activity/checkpoint?orgId=${orgId}`, { headers: { cookie } }),
  );
}

async function verify(orgId: string, cookie: string, checkpoint: unknown) {
  const response = await POST(
    new Request(`${origin}/api/activity/checkpoint`, {
      method: 'POST',
      headers: { cookie, origin, 'content-type': 'application/json' },
      body: JSON.stringify({ orgId, checkpoint }),
    }),
  );
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** What someone with database access does to hide the newest entries. */
async function cutNewest(orgId: string, keep: number) {
  await db().$executeRawUnsafe('ALTER TABLE activity_log DISABLE TRIGGER USER');
  await db().$executeRaw`DELETE FROM activity_log WHERE org_id = ${orgId}::uuid AND seq > ${keep}`;
  await db().$executeRawUnsafe('ALTER TABLE activity_log ENABLE TRIGGER USER');
  await db()
    .$executeRaw`UPDATE organizations SET last_activity_seq = ${keep} WHERE id = ${orgId}::uuid`;
}

describe('GET /api/activity/checkpoint', () => {
  it('downloads a signed checkpoint of the newest entry as a JSON file', async () => {
    const { org, cookie } = await signedInAuditor();
    await invite(org.owner.actor, ['one@example.com', 'two@example.com']);
    const response = await download(org.orgId, cookie);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toMatch(
      /^attachment; filename="parapet-activity-checkpoint-[0-9a-f]{8}-\d+\.json"$/,
    );
    expect(response.headers.get('content-disposition')).toContain(
      `-${org.orgId.slice(0, 8)}-2.json`,
    );
    const checkpoint = (await response.json()) as { statement: { org: string; seq: number } };
    expect(checkpoint.statement).toMatchObject({
      type: 'parapet.activity-checkpoint',
      version: 1,
      org: org.orgId,
      seq: 2,
    });
  });

  it('answers a broken log with a JSON error, not a file', async () => {
    const { org, cookie } = await signedInAuditor();
    await invite(org.owner.actor, ['one@example.com']);
    await db()
      .$executeRaw`UPDATE organizations SET last_activity_seq = last_activity_seq + 1 WHERE id = ${org.orgId}::uuid`;
    const response = await download(org.orgId, cookie);
    expect(response.status).toBe(409);
    expect(response.headers.get('content-disposition')).toBeNull();
    expect(await response.json()).toMatchObject({ error: { code: 'ACTIVITY_CHAIN_BROKEN' } });
  });
});

describe('POST /api/activity/checkpoint', () => {
  it('tells an intact log from one whose newest entries were cut', async () => {
    const { org, cookie } = await signedInAuditor();
    await invite(org.owner.actor, ['one@example.com', 'two@example.com', 'three@example.com']);
    const checkpoint = await (await download(org.orgId, cookie)).json();
    expect(await verify(org.orgId, cookie, checkpoint)).toMatchObject({
      status: 200,
      body: { data: { status: 'consistent', headSeq: 3 } },
    });
    await cutNewest(org.orgId, 1);
    expect(await verify(org.orgId, cookie, JSON.stringify(checkpoint))).toMatchObject({
      status: 200,
      body: {
        data: {
          status: 'cut',
          headSeq: 1,
          message: expect.stringContaining('entry #3 is missing'),
        },
      },
    });
  });

  it('answers a forged checkpoint and another organization’s with what is wrong', async () => {
    const { org, cookie } = await signedInAuditor();
    const other = await seedOrg({ prisma: db() });
    await invite(other.owner.actor, ['x@example.com']);
    const theirs = await createActivityCheckpoint({ db: db(), actor: other.owner.actor });
    expect(await verify(org.orgId, cookie, theirs)).toMatchObject({
      status: 200,
      body: { data: { status: 'other_organization' } },
    });
    const forged = { ...theirs, statement: { ...theirs.statement, org: org.orgId } };
    expect(await verify(org.orgId, cookie, forged)).toMatchObject({
      status: 200,
      body: { data: { status: 'signature_invalid', reason: 'bad_signature' } },
    });
  });

  it('refuses what is not a checkpoint, and a cross-site post', async () => {
    const { org, cookie } = await signedInAuditor();
    expect(await verify(org.orgId, cookie, { statement: {} })).toMatchObject({
      status: 400,
      body: { error: { code: 'INVALID_INPUT', fieldErrors: { checkpoint: expect.any(Array) } } },
    });
    const crossSite = await POST(
      new Request(`${origin}/api/activity/checkpoint`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json' },
        body: JSON.stringify({ orgId: org.orgId, checkpoint: {} }),
      }),
    );
    expect(crossSite.status).toBe(403);
  });
});

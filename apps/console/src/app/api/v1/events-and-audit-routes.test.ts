import { createApiKey } from '@parapet/accounts';
import { seedOrg } from '@parapet/accounts/testing';
import { seedAuditOrg, seedEvents, uuidV7At } from '@parapet/audit/testing';
import { getPgPool, type Role } from '@parapet/db';
import { describe, expect, it } from 'vitest';
import { setupRouteDatabase } from '@/server/testing/setup-route-database';
import { POST as verifyChain } from './audit/chains/[device]/verify/route';
import { GET as listChains } from './audit/chains/route';
import { GET as summary } from './audit/summary/route';
import { GET as getEvent } from './events/[id]/route';
import { GET as exportEvents } from './events/export/route';
import { GET as listEvents } from './events/route';

// The audit routes as automation calls them: Fetch API requests with API keys against a real
// database holding seeded events of two organizations.
const db = setupRouteDatabase();
const origin = 'http://localhost:3000';
const hourMs = 3_600_000;

async function seeded() {
  const org = await seedOrg({ prisma: db() });
  const other = await seedOrg({ prisma: db() });
  const audit = await seedAuditOrg({ prisma: db(), orgId: org.orgId, devices: 4, people: 2 });
  const otherAudit = await seedAuditOrg({ prisma: db(), orgId: other.orgId, devices: 2 });
  const pool = getPgPool();
  const from = new Date(Date.now() - 30 * hourMs);
  const to = new Date();
  await seedEvents({ pool, devices: audit.devices, count: 250, from, to, seed: 7 });
  await seedEvents({ pool, devices: otherAudit.devices, count: 50, from, to, seed: 8 });
  const keys = {} as Record<Role, string>;
  for (const role of ['owner', 'admin', 'auditor'] as const) {
    const created = await createApiKey({
      db: db(),
      actor: org.owner.actor,
      input: { name: `${role} automation`, role },
    });
    keys[role] = created.key;
  }
  return { org, audit, otherAudit, keys, pool };
}

function call(key: string, path: string, method = 'GET'): Request {
  return new Request(`${origin}${path}`, { method, headers: { authorization: `Bearer ${key}` } });
}

const params = (values: Record<string, string>) => ({ params: Promise.resolve(values) });

async function json(response: Response) {
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('the events routes', () => {
  it('list the org’s events a page at a time, filtered, and read one with its body', async () => {
    const { keys, otherAudit, pool } = await seeded();
    const ids: string[] = [];
    let cursor = '';
    do {
      const page = await json(
        await listEvents(call(keys.auditor, `/api/v1/events?range=7d&limit=100${cursor}`)),
      );
      expect(page.status).toBe(200);
      const events = page.body.events as { id: string }[];
      ids.push(...events.map((event) => event.id));
      cursor = page.body.nextCursor ? `&cursor=${page.body.nextCursor}` : '';
    } while (cursor);
    expect(new Set(ids).size).toBe(250);

    const denied = await json(
      await listEvents(
        call(keys.auditor, '/api/v1/events?surface=network&decision=deny&limit=500'),
      ),
    );
    const deniedEvents = denied.body.events as { surface: string; decision: string }[];
    expect(deniedEvents.length).toBeGreaterThan(0);
    for (const event of deniedEvents)
      expect(event).toMatchObject({ surface: 'network', decision: 'deny' });

    const one = await json(
      await getEvent(call(keys.auditor, `/api/v1/events/${ids[3]}`), params({ id: ids[3] ?? '' })),
    );
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ id: ids[3], hashMatches: true, body: { id: ids[3] } });

    const foreign = await pool.query<{ id: string }>(
      'SELECT id FROM audit.events WHERE org_id = $1 LIMIT 1',
      [otherAudit.orgId],
    );
    const foreignId = foreign.rows[0]?.id ?? '';
    const refused = await json(
      await getEvent(call(keys.auditor, `/api/v1/events/${foreignId}`), params({ id: foreignId })),
    );
    expect(refused).toMatchObject({ status: 404, body: { error: { code: 'NOT_FOUND' } } });
  });

  it('refuse bad filters with 400 and the field', async () => {
    const { keys } = await seeded();
    const noEnd = await json(
      await listEvents(call(keys.auditor, '/api/v1/events?range=custom&from=2026-05-01')),
    );
    expect(noEnd).toMatchObject({
      status: 400,
      body: { error: { code: 'INVALID_INPUT', fieldErrors: { to: expect.any(Array) } } },
    });
    const badFormat = await json(
      await exportEvents(call(keys.auditor, '/api/v1/events/export?format=xlsx')),
    );
    expect(badFormat).toMatchObject({
      status: 400,
      body: { error: { fieldErrors: { format: expect.any(Array) } } },
    });
    const badSurface = await json(
      await listEvents(call(keys.auditor, '/api/v1/events?surface=dns')),
    );
    expect(badSurface.status).toBe(400);
  });

  it('export streams CSV with the total up front and cells that cannot become formulas', async () => {
    const { keys, audit, pool } = await seeded();
    const device = audit.devices[0]?.id ?? '';
    // A path a device controls that a spreadsheet would run as a formula.
    await pool.query(
      `INSERT INTO audit.events (id, org_id, device_id, time, surface, action, decision, mode,
         resource, seq, hash, chain, body)
       VALUES ($4, $1, $2, now(), 'filesystem', 'read', 'deny', 'enforce',
         '=HYPERLINK("http://evil.example","open")', 999, $3, 'late', '{}')`,
      [audit.orgId, device, '0'.repeat(64), uuidV7At(Date.now())],
    );
    const response = await exportEvents(
      call(keys.auditor, '/api/v1/events/export?format=csv&range=7d'),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toMatch(
      /^attachment; filename="parapet-events-.*\.csv"$/,
    );
    const total = Number(response.headers.get('x-parapet-total-events'));
    expect(total).toBe(251);
    const lines = (await response.text()).split('\r\n');
    expect(lines).toHaveLength(total + 2);
    const guarded = `,"'=HYPERLINK(""http://evil.example"",""open"")",`;
    expect(lines.filter((line) => line.includes(guarded))).toHaveLength(1);
    const ndjson = await exportEvents(
      call(keys.auditor, '/api/v1/events/export?format=ndjson&surface=mcp'),
    );
    const records = (await ndjson.text())
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(records.length).toBe(Number(ndjson.headers.get('x-parapet-total-events')));
    for (const record of records)
      expect(record).toMatchObject({
        kind: 'decision',
        orgId: audit.orgId,
        event: { surface: 'mcp' },
      });
  });
});

describe('the audit routes', () => {
  it('summarise the org’s events and verify a device’s chain', async () => {
    const { keys, audit, otherAudit } = await seeded();
    const dashboard = await json(
      await summary(call(keys.auditor, '/api/v1/audit/summary?range=7d')),
    );
    expect(dashboard.status).toBe(200);
    expect(dashboard.body).toMatchObject({ source: 'rollups', totals: { events: 250 } });

    const chains = await json(await listChains(call(keys.auditor, '/api/v1/audit/chains')));
    expect((chains.body.devices as unknown[]).length).toBe(4);

    const device = audit.devices[1]?.id ?? '';
    const path = `/api/v1/audit/chains/${device}/verify`;
    const verified = await json(
      await verifyChain(call(keys.auditor, path, 'POST'), params({ device })),
    );
    expect(verified).toMatchObject({
      status: 200,
      body: { outcome: 'intact', firstProblem: null },
    });
    const otherDevice = otherAudit.devices[0]?.id ?? '';
    const foreign = await json(
      await verifyChain(
        call(keys.auditor, `/api/v1/audit/chains/${otherDevice}/verify`, 'POST'),
        params({ device: otherDevice }),
      ),
    );
    expect(foreign.status).toBe(404);
  });
});

import { gzipSync } from 'node:zlib';
import { hashAuditEvent } from '@parapet/audit';
import { makeSampleEvents, uuidV7At } from '@parapet/audit/ingest';
import { revokeDevice } from '@parapet/distribution';
import { createPerson } from '@parapet/policy-admin';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import {
  allowHost,
  createTestEnrollmentToken,
  type EdgeTestWorld,
  enrollTestDevice,
  publishTestPolicy,
  readMetric,
  setupEdgeTest,
} from '../testing/edge-test-kit';

const world = setupEdgeTest({ events: { maxBytes: 64 * 1024, maxCount: 100 } });

type Answer = {
  accepted: string[];
  rejected: { index: number; id: string | null; reason: string; message: string }[];
};
const json = { 'content-type': 'application/json' };
const dayMs = 86_400_000;

async function enrolled(w: EdgeTestWorld, input: { person?: string } = {}) {
  return enrollTestDevice(w.edge.url, await createTestEnrollmentToken(w, input));
}

function post(
  w: EdgeTestWorld,
  token: string,
  body: string | Buffer,
  headers: Record<string, string> = json,
) {
  return fetch(`${w.edge.url}/v1/events`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, ...headers },
    body,
  });
}

async function postOk(w: EdgeTestWorld, token: string, events: unknown[]): Promise<Answer> {
  const response = await post(w, token, JSON.stringify(events));
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()) as Answer;
}

async function withClient<T>(w: EdgeTestWorld, work: (client: pg.Client) => Promise<T>) {
  const client = new pg.Client({ connectionString: w.databaseUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

function stored(w: EdgeTestWorld, device: string) {
  return withClient(w, async (client) => {
    const events = await client.query(
      'SELECT id, seq::int, chain, hash, person_id, groups, org_id, body FROM audit.events WHERE device_id = $1 ORDER BY ingest_seq',
      [device],
    );
    const chain = await client.query(
      'SELECT last_seq::int, last_hash, events::int, gaps, missing::int, breaks, late, last_issue FROM audit.device_chains WHERE device_id = $1',
      [device],
    );
    return { rows: events.rows, chain: chain.rows[0] };
  });
}

async function expectError(response: Response, status: number, code: string) {
  expect(response.status).toBe(status);
  const body = (await response.json()) as { error: { code: string; message: string } };
  expect(body.error).toMatchObject({ code, requestId: expect.any(String) });
  return body.error.message;
}

describe('POST /v1/events', () => {
  it('stores JSON, NDJSON and gzip bodies with the device’s person and groups', async () => {
    const w = world();
    await publishTestPolicy(w, {
      baseline: allowHost('github', 'github.com'),
      'group:eng': allowHost('npm', 'registry.npmjs.org'),
    });
    const person = await createPerson({
      db: w.db,
      actor: w.org.admin.actor,
      input: { email: 'ada@example.test', groups: ['eng'] },
    });
    const device = await enrolled(w, { person: 'ada@example.test' });
    const events = makeSampleEvents({ device: device.id, count: 9 });
    expect(await postOk(w, device.accessToken, events.slice(0, 3))).toEqual({
      accepted: events.slice(0, 3).map((e) => e.id),
      rejected: [],
    });
    const ndjson = `${events
      .slice(3, 6)
      .map((e) => JSON.stringify(e))
      .join('\r\n')}\n\n`;
    const second = await post(w, device.accessToken, ndjson, {
      'content-type': 'application/x-ndjson; charset=utf-8',
    });
    expect(((await second.json()) as Answer).accepted).toEqual(events.slice(3, 6).map((e) => e.id));
    const third = await post(w, device.accessToken, gzipSync(JSON.stringify(events.slice(6))), {
      ...json,
      'content-encoding': 'gzip',
    });
    expect(((await third.json()) as Answer).accepted).toEqual(events.slice(6).map((e) => e.id));
    const { rows, chain } = await stored(w, device.id);
    expect(rows.map((row) => row.id)).toEqual(events.map((e) => e.id));
    expect(rows.map((row) => row.chain)).toEqual(['first', ...Array(8).fill('ok')]);
    expect(rows[0]).toMatchObject({
      org_id: w.org.orgId,
      person_id: person.id,
      groups: ['eng'],
      body: events[0],
      hash: hashAuditEvent(events[0] as object),
    });
    expect(chain).toMatchObject({ last_seq: 9, last_hash: rows[8].hash, events: 9, gaps: 0 });
    expect(await readMetric(w.edge.url, 'parapet_edge_events_accepted_total')).toBe(9);
  });

  it('stores text with backslashes, tabs, newlines, quotes and other scripts exactly', async () => {
    const w = world();
    const device = await enrolled(w);
    const awkward = 'C:\\Users\\ada\t"notes"\n\r\\N {a,b} \u00e9\u6f22\ud83d\ude00';
    const [first, second] = makeSampleEvents({ device: device.id, count: 2 });
    const events = [
      { ...first, surface: 'filesystem', action: 'read', resource: { path: awkward } },
      { ...second, rule: { id: awkward, layer: 'org' } },
    ];
    // Rechained, since the first event changed: the second's prev is the first's hash.
    (events[1] as { prev: string }).prev = hashAuditEvent(events[0] as object);
    const answer = await postOk(w, device.accessToken, events);
    expect(answer).toEqual({ accepted: events.map((event) => event.id), rejected: [] });
    const { rows, chain } = await stored(w, device.id);
    expect(rows.map((row) => row.body)).toEqual(events);
    expect(rows.map((row) => row.hash)).toEqual(events.map((event) => hashAuditEvent(event)));
    expect(chain).toMatchObject({ events: 2, breaks: 0 });
    const columns = await withClient(w, (client) =>
      client.query('SELECT resource, rule_id FROM audit.events WHERE device_id = $1 ORDER BY seq', [
        device.id,
      ]),
    );
    expect(columns.rows[0].resource).toContain(awkward);
    expect(columns.rows[1].rule_id).toBe(awkward);
    // The body column holds the very text the hash is over, whatever key order the device sent.
    const reordered = makeSampleEvents({
      device: device.id,
      count: 1,
      after: { seq: 2, hash: chain.last_hash },
    }).map((event) => Object.fromEntries(Object.entries(event).reverse()));
    await postOk(w, device.accessToken, reordered);
    const texts = await withClient(w, (client) =>
      client.query(
        `SELECT encode(sha256(convert_to(body::text, 'UTF8')), 'hex') = hash AS same
          FROM audit.events WHERE device_id = $1 ORDER BY seq`,
        [device.id],
      ),
    );
    expect(texts.rows).toEqual([{ same: true }, { same: true }, { same: true }]);
  });

  it('is idempotent: the same body twice is stored once and accepted both times', async () => {
    const w = world();
    const device = await enrolled(w);
    const events = makeSampleEvents({ device: device.id, count: 50 });
    const first = await postOk(w, device.accessToken, events);
    const again = await postOk(w, device.accessToken, events);
    expect(again).toEqual(first);
    expect(first.accepted).toEqual(events.map((e) => e.id));
    const { rows, chain } = await stored(w, device.id);
    expect(rows).toHaveLength(50);
    expect(chain).toMatchObject({ events: 50, late: 0, last_seq: 50 });
    expect(await readMetric(w.edge.url, 'parapet_edge_events_duplicates_total')).toBe(50);
  });

  it('flags first, ok, gap, break and late, and counts them on the device chain', async () => {
    const w = world();
    const device = await enrolled(w);
    const events = makeSampleEvents({ device: device.id, count: 8 });
    const [e1, e2, e3, e4, e5, e6, e7, e8] = events as [(typeof events)[0], ...typeof events];
    // 1, 2 arrive; 3 and 4 are lost for now (gap at 5); 6 says another prev (break);
    // then 3 arrives late; 7 and 8 continue from 6.
    await postOk(w, device.accessToken, [e2, e1]);
    await postOk(w, device.accessToken, [e5]);
    const edited = { ...e6, prev: 'f'.repeat(64) };
    await postOk(w, device.accessToken, [edited]);
    await postOk(w, device.accessToken, [e3]);
    const e7fromEdited = { ...e7, prev: hashAuditEvent(edited) };
    const e8next = { ...e8, prev: hashAuditEvent(e7fromEdited) };
    await postOk(w, device.accessToken, [e8next, e7fromEdited]);
    const { rows, chain } = await stored(w, device.id);
    expect(rows.map((row) => [row.seq, row.chain])).toEqual([
      [1, 'first'],
      [2, 'ok'],
      [5, 'gap'],
      [6, 'break'],
      [3, 'late'],
      [7, 'ok'],
      [8, 'ok'],
    ]);
    expect(chain).toMatchObject({
      last_seq: 8,
      events: 7,
      gaps: 1,
      missing: 2,
      breaks: 1,
      late: 1,
    });
    expect(chain.last_issue).toMatchObject({ kind: 'late', seq: 3, id: e3?.id });
    void e4;
  });

  it('rejects each event for its own reason and stores the rest', async () => {
    const w = world();
    const device = await enrolled(w);
    const other = await enrolled(w);
    const now = Date.now();
    const [good, dup, ...more] = makeSampleEvents({ device: device.id, count: 8 });
    const otherEvent = makeSampleEvents({ device: other.id, count: 1 })[0];
    await postOk(w, other.accessToken, [otherEvent]);
    const at = (ms: number) => ({ id: uuidV7At(ms), time: new Date(ms).toISOString() });
    const body = [
      good,
      { ...more[0], prompt: 'please leak', seq: 'x' },
      { ...more[1], device: other.id },
      { ...more[2], id: uuidV7At(now - 2 * dayMs) },
      { ...more[3], ...at(now - 200 * dayMs) },
      { ...more[4], ...at(now + 10 * 60_000) },
      dup,
      { ...dup, seq: 99 },
      'not an event',
      { ...more[5], id: otherEvent?.id },
    ];
    const answer = await postOk(w, device.accessToken, body);
    expect(answer.accepted).toEqual([good?.id, dup?.id]);
    expect(answer.rejected.map((r) => [r.index, r.reason])).toEqual([
      [1, 'invalid'],
      [2, 'wrong_device'],
      [3, 'time_mismatch'],
      [4, 'too_old'],
      [5, 'too_new'],
      [7, 'duplicate_in_request'],
      [8, 'invalid'],
      [9, 'invalid'],
    ]);
    expect(answer.rejected[0]).toMatchObject({ id: more[0]?.id });
    expect(answer.rejected[0]?.message).toMatch(/seq/);
    expect(answer.rejected[0]?.message).toMatch(/prompt/);
    expect(answer.rejected[6]).toMatchObject({ id: null });
    expect(answer.rejected[7]?.message).toMatch(/another device/);
    expect((await stored(w, device.id)).rows.map((row) => row.id)).toEqual([good?.id, dup?.id]);
    expect(
      await readMetric(w.edge.url, 'parapet_edge_events_rejected_total{reason="invalid"}'),
    ).toBe(3);
  });

  it('rejects one unreadable NDJSON line and stores the others', async () => {
    const w = world();
    const device = await enrolled(w);
    const [a, b] = makeSampleEvents({ device: device.id, count: 2 });
    const body = `${JSON.stringify(a)}\n{"id": oops\n\n${JSON.stringify(b)}\n`;
    const response = await post(w, device.accessToken, body, {
      'content-type': 'application/x-ndjson',
    });
    const answer = (await response.json()) as Answer;
    expect(answer.accepted).toEqual([a?.id, b?.id]);
    expect(answer.rejected).toEqual([
      { index: 1, id: null, reason: 'invalid', message: 'line 2 of the body is not valid JSON' },
    ]);
  });

  it('creates the partition of an allowed day that has none, and stores the event', async () => {
    const w = world();
    const device = await enrolled(w);
    const old = Date.now() - 40 * dayMs;
    const [event] = makeSampleEvents({ device: device.id, count: 1, now: old });
    const answer = await postOk(w, device.accessToken, [event]);
    expect(answer.accepted).toEqual([event?.id]);
    const day = new Date(old).toISOString().slice(0, 10).replaceAll('-', '');
    const found = await withClient(w, (client) =>
      client.query('SELECT to_regclass($1) AS partition', [`audit.events_p${day}`]),
    );
    expect(found.rows[0].partition).toBe(`audit.events_p${day}`);
  });

  it('keeps the chain consistent when one device sends two bodies at once', async () => {
    const w = world();
    const device = await enrolled(w);
    const events = makeSampleEvents({ device: device.id, count: 80 });
    const answers = await Promise.all([
      postOk(w, device.accessToken, events.slice(0, 50)),
      postOk(w, device.accessToken, events.slice(30)),
    ]);
    expect(new Set(answers.flatMap((answer) => answer.accepted)).size).toBe(80);
    const { rows, chain } = await stored(w, device.id);
    expect(rows).toHaveLength(80);
    expect(chain).toMatchObject({ events: 80, last_seq: 80, breaks: 0 });
    expect(chain.last_hash).toBe(hashAuditEvent(events[79] as object));
    // The two transactions ran one after the other, whichever took the chain's lock first:
    // 1-50 then 51-80 is a clean chain; 31-80 first is a gap of 30, then 1-30 arrive late.
    const flags = rows.map((row) => row.chain).join(' ');
    if (rows[0].seq === 1) {
      expect(chain).toMatchObject({ gaps: 0, missing: 0, late: 0 });
      expect(flags).toBe(['first', ...Array(79).fill('ok')].join(' '));
    } else {
      expect(chain).toMatchObject({ gaps: 1, missing: 30, late: 30 });
      expect(flags).toBe(['gap', ...Array(49).fill('ok'), ...Array(30).fill('late')].join(' '));
    }
  });

  it('refuses bodies it cannot take, with the error body and no 5xx', async () => {
    const w = world();
    const device = await enrolled(w);
    const events = makeSampleEvents({ device: device.id, count: 101 });
    const token = device.accessToken;
    const big = JSON.stringify([{ ...events[0], user: 'x'.repeat(70 * 1024) }]);
    expect(await expectError(await post(w, token, big), 413, 'PAYLOAD_TOO_LARGE')).toMatch(
      /65536 bytes/,
    );
    expect(
      await expectError(await post(w, token, JSON.stringify(events)), 413, 'PAYLOAD_TOO_LARGE'),
    ).toMatch(/100 events/);
    const manyLines = events.map((e) => JSON.stringify({ id: e.id })).join('\n');
    await expectError(
      await post(w, token, manyLines, { 'content-type': 'application/x-ndjson' }),
      413,
      'PAYLOAD_TOO_LARGE',
    );
    // 64 MiB of zeros in about 64 KiB of gzip: refused once the inflated size passes the limit.
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024), { level: 9 });
    expect(bomb.length).toBeLessThan(64 * 1024);
    await expectError(
      await post(w, token, bomb, { ...json, 'content-encoding': 'gzip' }),
      413,
      'PAYLOAD_TOO_LARGE',
    );
    await expectError(await post(w, token, '[{"id": '), 400, 'INVALID_INPUT');
    await expectError(await post(w, token, '{"events": []}'), 400, 'INVALID_INPUT');
    await expectError(await post(w, token, ''), 400, 'INVALID_INPUT');
    await expectError(
      await post(w, token, 'not gzip', { ...json, 'content-encoding': 'gzip' }),
      400,
      'INVALID_INPUT',
    );
    await expectError(
      await post(w, token, Buffer.from([0x5b, 0xff, 0xfe, 0x5d])),
      400,
      'INVALID_INPUT',
    );
    await expectError(
      await post(w, token, '[]', { 'content-type': 'text/plain' }),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    );
    await expectError(
      await post(w, token, '[]', { ...json, 'content-encoding': 'br' }),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    );
    expect(await postOk(w, token, [])).toEqual({ accepted: [], rejected: [] });
    expect((await stored(w, device.id)).rows).toHaveLength(0);
  });

  it('refuses a missing token (401) and a revoked device (403) before reading the body', async () => {
    const w = world();
    const device = await enrolled(w);
    const events = makeSampleEvents({ device: device.id, count: 1 });
    const anonymous = await fetch(`${w.edge.url}/v1/events`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify(events),
    });
    await expectError(anonymous, 401, 'TOKEN_INVALID');
    await expectError(await post(w, 'pdt_forged', JSON.stringify(events)), 401, 'TOKEN_INVALID');
    await revokeDevice({ db: w.db, actor: w.org.admin.actor, input: { id: device.id } });
    await new Promise((resolve) => setTimeout(resolve, 300));
    await expectError(
      await post(w, device.accessToken, JSON.stringify(events)),
      403,
      'DEVICE_REVOKED',
    );
    expect((await stored(w, device.id)).rows).toHaveLength(0);
  });

  it('answers 503, not 500, when a device not in memory cannot be looked up', async () => {
    const w = world();
    const device = await enrolled(w);
    // A replica that never saw the device: its first request must read the device's facts.
    const replica = await w.startReplica();
    const name = new URL(w.databaseUrl).pathname.slice(1);
    const admin = new URL(w.databaseUrl);
    admin.pathname = '/postgres';
    const client = new pg.Client({ connectionString: admin.toString() });
    await client.connect();
    const postToReplica = () =>
      fetch(`${replica.url}/v1/events`, {
        method: 'POST',
        headers: { authorization: `Bearer ${device.accessToken}`, ...json },
        body: '[]',
      });
    try {
      await client.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS false`);
      await client.query(
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
        [name],
      );
      await expectError(await postToReplica(), 503, 'UNAVAILABLE');
    } finally {
      await client.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS true`);
      await client.end();
    }
    let answer = await postToReplica();
    for (let attempt = 0; answer.status !== 200 && attempt < 20; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      answer = await postToReplica();
    }
    expect(answer.status).toBe(200);
  });

  it('answers 503 when the database takes no connection, and stores the body on retry', async () => {
    const w = world();
    const device = await enrolled(w);
    const events = makeSampleEvents({ device: device.id, count: 3 });
    await postOk(w, device.accessToken, []);
    // Postgres stops taking connections to this database and ends the edge's event connections
    // (the device stays cached, so the request gets as far as storing).
    const name = new URL(w.databaseUrl).pathname.slice(1);
    const admin = new URL(w.databaseUrl);
    admin.pathname = '/postgres';
    const client = new pg.Client({ connectionString: admin.toString() });
    await client.connect();
    try {
      await client.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS false`);
      await client.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
         WHERE datname = $1 AND application_name = 'parapet-edge-events'`,
        [name],
      );
      const refused = await post(w, device.accessToken, JSON.stringify(events));
      await expectError(refused, 503, 'UNAVAILABLE');
      expect(refused.headers.get('retry-after')).toBe('1');
    } finally {
      await client.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS true`);
      await client.end();
    }
    expect((await postOk(w, device.accessToken, events)).accepted).toHaveLength(3);
  });
});

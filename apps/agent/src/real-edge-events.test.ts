import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type SeededOrg, seedOrg } from '@parapet/accounts/testing';
import { createTestDatabase, type TestDatabase } from '@parapet/db/testing';
import { createEnrollmentToken, revokeDevice } from '@parapet/distribution';
import { type EdgeServer, type StartEdgeServerOptions, startEdgeServer } from '@parapet/edge';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readBufferState } from './events/buffer-state';
import { bufferedEventsOf, decisionLine } from './testing/event-buffer-fixture';
import { EventStream } from './testing/event-stream';
import { runAgent } from './testing/run-agent';
import { spawnAgent } from './testing/spawn-agent';

// The agent's events against the real edge and Postgres: what `report` uploads is stored once
// in audit.events with an unbroken chain, outages leave it buffered for a later run, and the
// device row carries what the buffer dropped.

const issuer = 'https://parapet.agent-events.test';

let database: TestDatabase;
let org: SeededOrg;
let edge: EdgeServer;
let stateDir: string;
let device: string;

async function startEdge(options: Partial<StartEdgeServerOptions> = {}): Promise<EdgeServer> {
  return startEdgeServer({
    host: '127.0.0.1',
    port: 0,
    databaseUrl: database.databaseUrl,
    prisma: database.prisma,
    issuer,
    logger: false,
    ...options,
  });
}

async function enroll(): Promise<string> {
  const { token } = await createEnrollmentToken({
    db: database.prisma,
    actor: org.owner.actor,
    input: { reusable: false },
  });
  const enrolled = await agent(['enroll', '--server', edge.url, '--token', token]);
  if (enrolled.code !== 0) throw new Error(enrolled.stderr);
  return enrolled.json<{ device: string }>().device;
}

const agent = (args: string[], options?: Parameters<typeof runAgent>[1]) =>
  runAgent([...args, '--state', stateDir], options);
const lines = (count: number, from = 0, extra: Record<string, unknown> = {}) =>
  Array.from({ length: count }, (_, index) => decisionLine(from + index, extra)).join('\n');

type StoredRow = { seq: bigint; chain: string; id: string; hash: string };
const stored = async () =>
  (
    await database.prisma.$queryRawUnsafe<StoredRow[]>(
      'select id::text as id, seq, chain, hash from audit.events where device_id = $1::uuid order by seq',
      device,
    )
  ).map((row) => ({ seq: Number(row.seq), chain: row.chain, id: row.id, hash: row.hash }));

beforeEach(async () => {
  database = await createTestDatabase();
  org = await seedOrg({ prisma: database.prisma });
  edge = await startEdge();
  stateDir = join(await mkdtemp(join(tmpdir(), 'parapet-agent-events-real-')), 'state');
  device = await enroll();
});

afterEach(async () => {
  await edge.close();
  await database.drop();
  await rm(join(stateDir, '..'), { recursive: true, force: true });
});

describe('parapet-agent report against the real edge', () => {
  it('uploads what it buffers: stored once, chained first then ok, and the buffer emptied', async () => {
    const first = await agent(['report'], { stdin: lines(5) });
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.json()).toEqual({
      buffered: 5,
      refused: 0,
      dropped: 0,
      uploaded: 5,
      rejected: 0,
      pending: 0,
    });
    expect(await bufferedEventsOf(stateDir)).toEqual([]);
    const second = await agent(['report'], { stdin: lines(3, 5) });
    expect(second.json()).toMatchObject({ uploaded: 3, pending: 0 });
    const rows = await stored();
    expect(rows.map((row) => [row.seq, row.chain])).toEqual([
      [1, 'first'],
      ...[2, 3, 4, 5, 6, 7, 8].map((seq) => [seq, 'ok']),
    ]);
    const state = await readBufferState(stateDir);
    // The edge's hash of the newest event is the one the agent chains the next event to.
    expect(rows.at(-1)?.hash).toBe(state?.lastHash);
    const status = (await agent(['status'])).json<{ events: Record<string, unknown> }>();
    expect(status.events).toMatchObject({
      buffered: 0,
      uploaded: 8,
      rejected: 0,
      dropped: 0,
      lastUploadAt: expect.any(String),
      lastUploadError: null,
    });
  });

  it('keeps events buffered while the edge is down (exit 0) and a later run uploads them', async () => {
    const port = Number(new URL(edge.url).port);
    await edge.close();
    const down = await agent(['report'], { stdin: lines(4) });
    expect(down.code).toBe(0);
    expect(down.json()).toMatchObject({ buffered: 4, uploaded: 0, pending: 4 });
    expect(down.stderr).toMatch(
      /4 events stay buffered in .* \(cannot reach http:\/\/127\.0\.0\.1:\d+: ECONNREFUSED\); the next report or pull --watch uploads them\n$/,
    );
    expect((await agent(['status'])).json()).toMatchObject({
      events: { buffered: 4, lastUploadError: { code: 'EDGE_UNREACHABLE' } },
    });
    edge = await startEdge({ port });
    const later = await agent(['report'], { stdin: '' });
    expect(later.stderr).toBe('');
    expect(later.json()).toMatchObject({ buffered: 0, uploaded: 4, pending: 0 });
    expect((await stored()).map((row) => row.chain)).toEqual(['first', 'ok', 'ok', 'ok']);
    expect((await agent(['status'])).json()).toMatchObject({
      events: { buffered: 0, lastUploadError: null },
    });
  });

  it('splits a batch the edge finds too large (413) until it fits', async () => {
    await edge.close();
    edge = await startEdge({ port: Number(new URL(edge.url).port), events: { maxCount: 4 } });
    const result = await agent(['report'], { stdin: lines(11) });
    expect(result.stderr).toBe('');
    expect(result.json()).toMatchObject({ buffered: 11, uploaded: 11, pending: 0 });
    const rows = await stored();
    expect(rows.map((row) => row.seq)).toEqual(Array.from({ length: 11 }, (_, index) => index + 1));
    expect(rows.filter((row) => row.chain !== 'ok').map((row) => row.chain)).toEqual(['first']);
  });

  it('removes and counts events the edge rejects, naming the reason on stderr', async () => {
    const ahead = new Date(Date.now() + 3600_000).toISOString();
    const input = [decisionLine(0), decisionLine(1, { time: ahead }), decisionLine(2)].join('\n');
    const result = await agent(['report'], { stdin: input });
    expect(result.code).toBe(0);
    expect(result.json()).toMatchObject({ buffered: 3, uploaded: 2, rejected: 1, pending: 0 });
    expect(result.stderr).toMatch(
      /^parapet-agent report: the edge rejected event [0-9a-f-]{36} \(too_new\): /,
    );
    expect(await bufferedEventsOf(stateDir)).toEqual([]);
    // The rejected seq 2 never arrives: the edge flags the jump, nothing is hidden.
    expect((await stored()).map((row) => [row.seq, row.chain])).toEqual([
      [1, 'first'],
      [3, 'gap'],
    ]);
    expect((await agent(['status'])).json()).toMatchObject({
      events: { rejected: 1, uploaded: 2 },
    });
  });

  it('carries the events dropped from a full buffer to the device row', async () => {
    const buffered = await agent(['report', '--no-upload', '--max-events', '3'], {
      stdin: lines(5),
    });
    expect(buffered.json()).toMatchObject({ buffered: 5, dropped: 2 });
    const uploaded = await agent(['report'], { stdin: '' });
    expect(uploaded.json()).toMatchObject({ uploaded: 3, pending: 0 });
    const row = await database.prisma.device.findUniqueOrThrow({ where: { id: device } });
    expect(row.droppedEvents).toBe(2n);
    expect((await readBufferState(stateDir))?.reportedDropped).toBe(2);
    expect((await stored()).map((stored) => stored.seq)).toEqual([3, 4, 5]);
  });

  it('keeps the events and exits 4 when the edge refuses the device', async () => {
    await revokeDevice({ db: database.prisma, actor: org.owner.actor, input: { id: device } });
    const result = await agent(['report'], { stdin: lines(2) });
    expect(result.code).toBe(4);
    expect(result.stderr).toContain('DEVICE_REVOKED');
    expect(result.json()).toMatchObject({ buffered: 2, uploaded: 0, pending: 2 });
    expect(await bufferedEventsOf(stateDir)).toHaveLength(2);
  });
});

describe('parapet-agent pull --watch against the real edge', () => {
  it('uploads events as they are buffered, beside the bundle long-poll', async () => {
    const stream = new EventStream();
    const watch = spawnAgent(['pull', '--watch', '--wait', '20', '--state', stateDir], {
      onStdout: stream.write,
    });
    try {
      await stream.next((event) => event.event === 'started', { timeoutMs: 60_000 });
      for (const round of [0, 1]) {
        const uploaded = stream.nextNamed('uploaded', 30_000);
        const reported = await agent(['report', '--no-upload'], { stdin: lines(3, round * 3) });
        expect(reported.json()).toMatchObject({ buffered: 3 });
        expect(await uploaded).toMatchObject({ accepted: 3, rejected: 0, pending: 0 });
      }
      expect((await stored()).map((row) => row.chain)).toEqual([
        'first',
        'ok',
        'ok',
        'ok',
        'ok',
        'ok',
      ]);
    } finally {
      watch.child.kill('SIGTERM');
    }
    const ended = await watch.done;
    expect(ended.stderr).toBe('');
    expect(ended.code).toBe(0);
    expect(await bufferedEventsOf(stateDir)).toEqual([]);
  });
});

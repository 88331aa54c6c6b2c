import { connect } from 'node:net';
import { revokeDevice } from '@parapet/distribution';
import { describe, expect, it } from 'vitest';
import {
  allowHost,
  createTestEnrollmentToken,
  type EdgeTestWorld,
  enrollTestDevice,
  getBundle,
  publishTestPolicy,
  readMetric,
  setupEdgeTest,
} from '../testing/edge-test-kit';
import { readPollHead } from './poll-lane';

const world = setupEdgeTest();

/**
 * Writes `chunks` on one connection (each its own write, `pauseMs` apart), half-closes it, and
 * returns everything the server sent until it closed, with each Date header's and request id's
 * value blanked (the only bytes two servers may rightly differ in).
 */
function exchange(url: string, chunks: string[], pauseMs = 30): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hostname, port: Number(port) });
    const received: Buffer[] = [];
    socket.on('data', (data) => received.push(data));
    socket.on('error', reject);
    socket.on('close', () =>
      resolve(
        Buffer.concat(received)
          .toString('latin1')
          .replace(/\r\nDate: [^\r]*/g, '\r\nDate: -')
          .replace(/"requestId":"[^"]*"/g, '"requestId":"-"'),
      ),
    );
    socket.on('connect', async () => {
      for (const [index, chunk] of chunks.entries()) {
        if (index > 0) await new Promise((done) => setTimeout(done, pauseMs));
        socket.write(chunk, 'latin1');
      }
      socket.end();
    });
  });
}

const poll = (device: { accessToken: string }, extra = '') =>
  `GET /v1/bundle HTTP/1.1\r\nHost: edge.test\r\nAuthorization: Bearer ${device.accessToken}\r\n${extra}\r\n`;

/** An edge with the lane (the world's) and one without (Node's server, then Fastify). */
async function twoEdges(w: EdgeTestWorld) {
  await publishTestPolicy(w, { baseline: allowHost('github', 'github.com') });
  const device = await enrollTestDevice(w.edge.url, await createTestEnrollmentToken(w));
  const withoutLane = await w.startReplica({ pollLane: false });
  const first = await getBundle(w.edge.url, device);
  const etag = first.headers.get('etag') ?? '';
  expect(first.status).toBe(200);
  expect((await getBundle(withoutLane.url, device)).status).toBe(200);
  return { device, etag, withoutLane };
}

const countPolls = async (url: string, status: number) =>
  (await readMetric(url, `parapet_edge_requests_total{route="/v1/bundle",status="${status}"}`)) ??
  0;
const countLane = async (url: string, outcome: 'answered' | 'handed_off') =>
  (await readMetric(url, `parapet_edge_poll_lane_total{outcome="${outcome}"}`)) ?? 0;

describe('the poll lane', () => {
  it('answers byte for byte as Node’s server does, and counts what it answers', async () => {
    const w = world();
    const { device, etag, withoutLane } = await twoEdges(w);
    const cases = [
      poll(device, `If-None-Match: ${etag}\r\n`),
      poll(device),
      poll(device, 'If-None-Match: "other"\r\n'),
      poll(device, `if-none-match:   ${etag}  \r\nCONNECTION: keep-alive\r\nUser-Agent: a/1\r\n`),
      poll(device, `If-None-Match: W/${etag}\r\nPrefer: wait=0\r\n`),
      poll(device, `If-None-Match: "x", ${etag}\r\nPrefer: respond-async\r\n`),
      poll(device, 'If-None-Match: "stale"\r\nPrefer: wait=5\r\n'),
    ];
    const before304 = await countPolls(w.edge.url, 304);
    const before200 = await countPolls(w.edge.url, 200);
    const beforeAnswered = await countLane(w.edge.url, 'answered');
    const lane = await exchange(w.edge.url, cases);
    const node = await exchange(withoutLane.url, cases);
    expect(lane).toBe(node);
    expect(lane.match(/HTTP\/1\.1 \d{3}/g)).toEqual([
      'HTTP/1.1 304',
      'HTTP/1.1 200',
      'HTTP/1.1 200',
      'HTTP/1.1 304',
      'HTTP/1.1 304',
      'HTTP/1.1 304',
      'HTTP/1.1 200',
    ]);
    expect((await countPolls(w.edge.url, 304)) - before304).toBe(4);
    expect((await countPolls(w.edge.url, 200)) - before200).toBe(3);
    // All seven from the lane: the connection never reached Node's parser.
    expect((await countLane(w.edge.url, 'answered')) - beforeAnswered).toBe(7);
  });

  it('hands the connection to Node at the first request it does not answer, in order', async () => {
    const w = world();
    const { device, etag, withoutLane } = await twoEdges(w);
    const current = `If-None-Match: ${etag}\r\n`;
    const status = JSON.stringify({ agentVersion: '1.2.3', activeVer: 1 });
    const sequences: [string, string[]][] = [
      [
        'a poll, a status report with a body and a poll, in one write',
        [
          poll(device, current) +
            `POST /v1/status HTTP/1.1\r\nHost: edge.test\r\nAuthorization: Bearer ${device.accessToken}\r\nContent-Type: application/json\r\nContent-Length: ${status.length}\r\n\r\n${status}` +
            poll(device, current),
        ],
      ],
      [
        'a head split across two writes',
        [poll(device, current), poll(device).slice(0, 30), poll(device).slice(30)],
      ],
      [
        'a long-poll held and answered',
        [poll(device, `${current}Prefer: wait=1\r\n`), poll(device, current)],
      ],
      [
        'a token the edge refuses',
        [poll({ accessToken: 'pdt_not-a-token' }), poll(device, current)],
      ],
      [
        'another route',
        [`GET /healthz HTTP/1.1\r\nHost: edge.test\r\n\r\n`, poll(device, current)],
      ],
      [
        'a query string',
        [
          `GET /v1/bundle?x=1 HTTP/1.1\r\nHost: e\r\nAuthorization: Bearer ${device.accessToken}\r\n\r\n`,
        ],
      ],
    ];
    const handedOff = await countLane(w.edge.url, 'handed_off');
    for (const [name, chunks] of sequences) {
      // The long-poll's wait (1 s) is over before the next request is written.
      const pauseMs = name.startsWith('a long-poll') ? 1_300 : 30;
      const lane = await exchange(w.edge.url, chunks, pauseMs);
      expect(lane, name).toBe(await exchange(withoutLane.url, chunks, pauseMs));
      expect(lane, name).toMatch(/^HTTP\/1\.1 /);
    }
    // Each connection above was handed over once (the metrics scrapes between are Node's too).
    expect((await countLane(w.edge.url, 'handed_off')) - handedOff).toBeGreaterThanOrEqual(
      sequences.length,
    );
  });

  it('leaves every request of doubtful form to Node, which answers it as it would anyway', async () => {
    const w = world();
    const { device, etag, withoutLane } = await twoEdges(w);
    const auth = `Authorization: Bearer ${device.accessToken}`;
    const doubtful: [string, string][] = [
      [
        'bare LF line ends',
        `GET /v1/bundle HTTP/1.1\nHost: e\n${auth}\nIf-None-Match: ${etag}\n\n`,
      ],
      [
        'an obs-fold header',
        `GET /v1/bundle HTTP/1.1\r\nHost: e\r\n${auth}\r\nX-A: b\r\n c\r\n\r\n`,
      ],
      [
        'a body by Content-Length',
        `GET /v1/bundle HTTP/1.1\r\nHost: e\r\n${auth}\r\nContent-Length: 5\r\n\r\nhello${poll(device)}`,
      ],
      [
        'a chunked body',
        `GET /v1/bundle HTTP/1.1\r\nHost: e\r\n${auth}\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`,
      ],
      [
        'both body headers',
        `GET /v1/bundle HTTP/1.1\r\nHost: e\r\n${auth}\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`,
      ],
      [
        'two Authorization headers',
        `GET /v1/bundle HTTP/1.1\r\nHost: e\r\n${auth}\r\nAuthorization: Bearer x\r\n\r\n`,
      ],
      ['no Host', `GET /v1/bundle HTTP/1.1\r\n${auth}\r\n\r\n`],
      ['two Hosts', `GET /v1/bundle HTTP/1.1\r\nHost: a\r\nHost: b\r\n${auth}\r\n\r\n`],
      ['HTTP/1.0', `GET /v1/bundle HTTP/1.0\r\nHost: e\r\n${auth}\r\n\r\n`],
      [
        'Connection: close',
        `GET /v1/bundle HTTP/1.1\r\nHost: e\r\n${auth}\r\nConnection: close\r\n\r\n${poll(device)}`,
      ],
      ['a space before the colon', `GET /v1/bundle HTTP/1.1\r\nHost : e\r\n${auth}\r\n\r\n`],
      [
        'a NUL in a value',
        `GET /v1/bundle HTTP/1.1\r\nHost: e\r\n${auth}\r\nX-A: a\u0000b\r\n\r\n`,
      ],
      [
        'a non-ASCII value',
        `GET /v1/bundle HTTP/1.1\r\nHost: e\r\n${auth}\r\nX-A: caf\u00e9\r\n\r\n`,
      ],
      ['HEAD', `HEAD /v1/bundle HTTP/1.1\r\nHost: e\r\n${auth}\r\n\r\n`],
      ['an absolute target', `GET http://e/v1/bundle HTTP/1.1\r\nHost: e\r\n${auth}\r\n\r\n`],
      [
        'an upgrade',
        `GET /v1/bundle HTTP/1.1\r\nHost: e\r\n${auth}\r\nConnection: Upgrade\r\nUpgrade: h2c\r\n\r\n`,
      ],
    ];
    for (const [name, request] of doubtful) {
      const lane = await exchange(w.edge.url, [request]);
      expect(lane, name).toBe(await exchange(withoutLane.url, [request]));
      expect(lane, name).toMatch(/^HTTP\/1\.1 /);
    }
  });

  it('refuses a revoked device at its next poll on a connection the lane was answering', async () => {
    const w = world();
    const { device, etag } = await twoEdges(w);
    const { hostname, port } = new URL(w.edge.url);
    const socket = connect({ host: hostname, port: Number(port) });
    const answers: string[] = [];
    socket.on('data', (data) => answers.push(data.toString('latin1')));
    const next = async () => {
      const count = answers.length;
      socket.write(poll(device, `If-None-Match: ${etag}\r\n`));
      await expect.poll(() => answers.length).toBeGreaterThan(count);
      return answers.at(-1) ?? '';
    };
    expect(await next()).toMatch(/^HTTP\/1\.1 304 /);
    await revokeDevice({ db: w.db, actor: w.org.admin.actor, input: { id: device.id } });
    await expect.poll(next).toMatch(/^HTTP\/1\.1 403 [\s\S]*DEVICE_REVOKED/);
    socket.destroy();
  });

  it('closes a connection left idle for the keep-alive timeout, as Node does', async () => {
    const w = world();
    const { device, etag } = await twoEdges(w);
    const replica = await w.startReplica({ keepAliveTimeoutMs: 1_000 });
    const { hostname, port } = new URL(replica.url);
    const socket = connect({ host: hostname, port: Number(port) });
    const closed = new Promise((resolve) => socket.on('close', () => resolve(Date.now())));
    const answered = new Promise<Buffer>((resolve) => socket.once('data', resolve));
    socket.write(poll(device, `If-None-Match: ${etag}\r\n`));
    expect(String(await answered)).toMatch(/^HTTP\/1\.1 304 [\s\S]*Keep-Alive: timeout=1\r\n/);
    const answeredAt = Date.now();
    expect((await closed) as number).toBeGreaterThanOrEqual(answeredAt + 900);
  });

  it('closes the connections it holds when the edge stops', async () => {
    const w = world();
    const { device, etag } = await twoEdges(w);
    const replica = await w.startReplica();
    const { hostname, port } = new URL(replica.url);
    const socket = connect({ host: hostname, port: Number(port) });
    const closed = new Promise((resolve) => socket.on('close', resolve));
    const answered = new Promise((resolve) => socket.once('data', resolve));
    socket.write(poll(device, `If-None-Match: ${etag}\r\n`));
    expect(String(await answered)).toMatch(/^HTTP\/1\.1 304 /);
    await replica.close();
    await closed;
  });
});

describe('readPollHead', () => {
  const head = (lines: string[]) => ['GET /v1/bundle HTTP/1.1', 'Host: e', ...lines].join('\r\n');
  const read = readPollHead;

  it('reads the three headers a poll needs, whatever their case and surrounding spaces', () => {
    expect(
      read(head(['AUTHORIZATION:Bearer t', 'if-none-match: \t"e" ', 'Prefer: wait=5'])),
    ).toEqual({ authorization: 'Bearer t', ifNoneMatch: '"e"', prefer: 'wait=5', bearer: 't' });
    expect(read(head(['X-Empty:', 'X-Inner: a \t b']))).toEqual({
      authorization: undefined,
      ifNoneMatch: undefined,
      prefer: undefined,
      bearer: undefined,
    });
  });

  it('leaves every other head to Node', () => {
    const others = [
      'GET /v1/bundle HTTP/1.1\r\nHost: e\r\nHost: e',
      'GET /v1/bundle HTTP/1.1',
      head(['If-None-Match: "a"', 'If-None-Match: "b"']),
      head(['Prefer: wait=1', 'prefer: wait=2']),
      head(['Connection: keep-alive, Upgrade']),
      head(['Expect: 100-continue']),
      head(['Content-Length: 0']),
      head(['X-A: a\rb']),
      head(['X-A: a\nb']),
      head(['\tX-A: b']),
      head(['X-A b']),
      head([': b']),
      'GET /v1/bundle  HTTP/1.1\r\nHost: e',
      'get /v1/bundle HTTP/1.1\r\nHost: e',
      'GET /v1/bundle/ HTTP/1.1\r\nHost: e',
    ];
    for (const text of others) expect(read(text), text).toBeUndefined();
  });
});

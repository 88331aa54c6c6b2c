import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openAgent } from '../pull/open-agent';
import { type AgentFixture, enrolledAgent } from '../testing/agent-fixture';
import { bufferedEventsOf, decisionLine, TEST_DEVICE } from '../testing/event-buffer-fixture';
import { EventStream } from '../testing/event-stream';
import { uploadBufferedEvents, uploadRetryDelay } from './upload-events';

// Upload behaviour the real edge does not show on demand (429, 503 with Retry-After, refused
// tokens), against the hostile edge; what the real edge stores is in real-edge-events.test.ts.

const lines = (count: number) =>
  Array.from({ length: count }, (_, index) => decisionLine(index)).join('\n');
const unavailable = { status: 503, code: 'UNAVAILABLE' };
let fixture: AgentFixture;

describe('uploadRetryDelay', () => {
  const rows: [string, number, number | undefined, number, number][] = [
    ['first retry, top of its range', 1, undefined, 1, 500],
    ['third retry, middle of its range', 3, undefined, 0.5, 1000],
    ['any retry can draw zero (full jitter)', 4, undefined, 0, 0],
    ['capped at a minute', 30, undefined, 1, 60_000],
    ["the edge's Retry-After is a floor", 1, 3000, 0.2, 3000],
    ['a draw above Retry-After stands', 6, 1000, 1, 16_000],
  ];
  it.each(rows)('%s', (_name, attempt, retryAfter, random, expected) => {
    expect(uploadRetryDelay(attempt, retryAfter, () => random)).toBe(expected);
  });
});

describe('uploading the buffer', () => {
  beforeEach(async () => {
    fixture = await enrolledAgent({ enroll: false });
    fixture.edge.deviceId = TEST_DEVICE;
    const enrolled = await fixture.run([
      'enroll',
      '--server',
      fixture.edge.url,
      '--token',
      fixture.edge.enrollmentToken,
    ]);
    if (enrolled.code !== 0) throw new Error(enrolled.stderr);
  });
  afterEach(async () => {
    await fixture.close();
  });

  it('sends gzipped NDJSON and retries 503 and 429, waiting out Retry-After', async () => {
    fixture.edge.eventFailures = [
      { ...unavailable, retryAfter: '1' },
      { status: 429, code: 'RATE_LIMITED', retryAfter: '1' },
    ];
    const result = await fixture.run(['report'], { stdin: lines(2) });
    expect(result.stderr).toBe('');
    expect(result.json()).toMatchObject({ buffered: 2, uploaded: 2, pending: 0 });
    const requests = fixture.edge.eventRequests;
    expect(requests).toHaveLength(3);
    expect(requests[0]?.headers).toMatchObject({
      'content-type': 'application/x-ndjson',
      'content-encoding': 'gzip',
    });
    expect(requests[2]?.events.map((event) => event.seq)).toEqual([1, 2]);
    // Each retry came no sooner than the edge asked.
    expect((requests[1]?.at ?? 0) - (requests[0]?.at ?? 0)).toBeGreaterThanOrEqual(1000);
    expect((requests[2]?.at ?? 0) - (requests[1]?.at ?? 0)).toBeGreaterThanOrEqual(1000);
  });

  it('gives up after three tries, exit 0, with the events buffered and the error in status', async () => {
    fixture.edge.eventFailures = [unavailable, unavailable, unavailable];
    const result = await fixture.run(['report'], { stdin: lines(3) });
    expect(result.code).toBe(0);
    expect(result.json()).toMatchObject({ buffered: 3, uploaded: 0, pending: 3 });
    expect(result.stderr).toContain('3 events stay buffered');
    expect(fixture.edge.eventRequests).toHaveLength(3);
    expect((await fixture.run(['status'])).json()).toMatchObject({
      events: { buffered: 3, lastUploadError: { code: 'UNAVAILABLE' } },
    });
    const later = await fixture.run(['report']);
    expect(later.json()).toMatchObject({ uploaded: 3, pending: 0 });
    expect(await bufferedEventsOf(fixture.stateDir)).toEqual([]);
  });

  it('does not wait out a Retry-After longer than report allows', async () => {
    fixture.edge.eventFailures = [{ ...unavailable, retryAfter: '3600' }];
    const result = await fixture.run(['report'], { stdin: lines(1) });
    expect(result.json()).toMatchObject({ pending: 1 });
    expect(fixture.edge.eventRequests).toHaveLength(1);
  });

  it('keeps events an edge refuses outright (400), without retrying', async () => {
    fixture.edge.eventFailures = [{ status: 400, code: 'INVALID_INPUT' }];
    const result = await fixture.run(['report'], { stdin: lines(1) });
    expect(result.code).toBe(0);
    expect(result.json()).toMatchObject({ pending: 1 });
    expect(result.stderr).toContain('400 INVALID_INPUT');
    expect(fixture.edge.eventRequests).toHaveLength(1);
  });

  it('stops at the seq it was given, so a busy reporter cannot keep one pass going', async () => {
    await fixture.run(['report', '--no-upload'], { stdin: lines(5) });
    const agent = await openAgent(fixture.stateDir);
    const summary = await uploadBufferedEvents(agent, {
      retry: { maxAttempts: 1, maxDelayMs: 0 },
      batch: { maxEvents: 2, maxBytes: 1024 * 1024 },
      untilSeq: 4,
    });
    expect(summary).toMatchObject({ accepted: 3, rejected: 0, pending: 2, error: undefined });
    expect(
      fixture.edge.eventRequests.map((request) => request.events.map((event) => event.seq)),
    ).toEqual([[1, 2], [3]]);
  });

  it('renews an expired access token and sends again', async () => {
    await fixture.run(['report', '--no-upload'], { stdin: lines(2) });
    // The token from enrollment (the first one handed out) is now expired.
    fixture.edge.expireTokensBefore = 1;
    const result = await fixture.run(['report']);
    expect(result.json()).toMatchObject({ uploaded: 2, pending: 0 });
    expect(
      fixture.edge.requests.filter((request) => request.path === '/v1/auth/token'),
    ).toHaveLength(1);
  });

  it('pull --watch reports an upload error with its backoff, then uploads', async () => {
    fixture.edge.eventFailures = [{ ...unavailable, retryAfter: '1' }];
    await fixture.serve();
    await fixture.run(['report', '--no-upload'], { stdin: lines(2) });
    const stream = new EventStream();
    const controller = new AbortController();
    const watching = fixture.run(['pull', '--watch', '--wait', '5'], {
      onStdout: stream.write,
      signal: controller.signal,
    });
    try {
      expect(await stream.nextNamed('upload_error', 30_000)).toMatchObject({
        code: 'UNAVAILABLE',
        pending: 2,
        retryInMs: expect.any(Number),
      });
      expect(await stream.nextNamed('uploaded', 30_000)).toMatchObject({ accepted: 2, pending: 0 });
    } finally {
      controller.abort();
    }
    expect((await watching).code).toBe(0);
  });
});

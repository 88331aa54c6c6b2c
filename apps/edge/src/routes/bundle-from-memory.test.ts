import { describe, expect, it } from 'vitest';
import {
  allowHost,
  createTestEnrollmentToken,
  enrollTestDevice,
  getBundle,
  publishTestPolicy,
  readMetric,
  setupEdgeTest,
} from '../testing/edge-test-kit';

const world = setupEdgeTest();

/** Status, body and every header but Date: what a client can tell apart. */
async function observable(response: Response) {
  const headers = Object.fromEntries([...response.headers].filter(([name]) => name !== 'date'));
  return { status: response.status, headers, body: await response.text() };
}

describe('polls answered from memory', () => {
  it('get exactly the answers the Fastify route gives, for every If-None-Match and Prefer', async () => {
    const w = world();
    await publishTestPolicy(w, { baseline: allowHost('github', 'github.com') });
    const device = await enrollTestDevice(w.edge.url, await createTestEnrollmentToken(w));
    const viaFastify = await w.startReplica({ answerPollsFromMemory: false });
    const first = await getBundle(w.edge.url, device);
    const etag = first.headers.get('etag') ?? '';
    expect((await getBundle(viaFastify.url, device)).status).toBe(200);
    const ifNoneMatch = [undefined, etag, '"other"', '*', `W/${etag}`, `"x", ${etag}`, 'garbage'];
    const prefer = [undefined, 'wait=0', 'wait=abc', 'respond-async', 'return=minimal', 'wait=5'];
    let compared = 0;
    for (const inm of ifNoneMatch) {
      for (const preference of prefer) {
        const headers: Record<string, string> = {};
        if (inm !== undefined) headers['if-none-match'] = inm;
        if (preference !== undefined) headers.prefer = preference;
        // A wait on a current ETag is a long-poll, which only the Fastify route serves.
        const longPoll =
          preference === 'wait=5' && inm !== undefined && inm !== '"other"' && inm !== 'garbage';
        if (longPoll) continue;
        const fast = await observable(await getBundle(w.edge.url, device, headers));
        const slow = await observable(await getBundle(viaFastify.url, device, headers));
        expect(fast, JSON.stringify(headers)).toEqual(slow);
        compared += 1;
      }
    }
    expect(compared).toBeGreaterThan(30);
    // The answers above came from memory: the route counted them without Fastify's hook.
    const metrics = await (await fetch(`${w.edge.url}/metrics`)).text();
    expect(metrics).toMatch(/parapet_edge_requests_total\{route="\/v1\/bundle",status="304"\} \d+/);
  });

  it('hold long-polls with the same answers: timed out, woken by a publish, and on a first request', async () => {
    const w = world();
    await publishTestPolicy(w, { baseline: allowHost('github', 'github.com') });
    const viaFastify = await w.startReplica({ answerPollsFromMemory: false });
    const device = await enrollTestDevice(w.edge.url, await createTestEnrollmentToken(w));
    const etag = (await getBundle(w.edge.url, device)).headers.get('etag') ?? '';
    expect((await getBundle(viaFastify.url, device)).status).toBe(200);
    const poll = (url: string, wait: number, who = device) =>
      getBundle(url, who, { 'if-none-match': etag, prefer: `wait=${wait}` }).then(observable);

    // Nothing changes within the wait: both answer 304 with Preference-Applied.
    const [fastTimedOut, slowTimedOut] = await Promise.all([
      poll(w.edge.url, 1),
      poll(viaFastify.url, 1),
    ]);
    expect(fastTimedOut.status).toBe(304);
    expect(fastTimedOut).toEqual(slowTimedOut);

    // A device's first request is a long-poll: its facts are loaded, then it waits in memory.
    const newcomer = await enrollTestDevice(w.edge.url, await createTestEnrollmentToken(w));
    const [fastFirst, slowFirst] = await Promise.all([
      poll(w.edge.url, 1, newcomer),
      poll(viaFastify.url, 1, newcomer),
    ]);
    expect(fastFirst.status).toBe(304);
    expect(fastFirst).toEqual(slowFirst);

    // A publish wakes both with the new bundle's exact bytes and headers.
    const fastWoken = poll(w.edge.url, 30);
    const slowWoken = poll(viaFastify.url, 30);
    await expect.poll(() => readMetric(w.edge.url, 'parapet_edge_long_poll_waiters')).toBe(1);
    await expect.poll(() => readMetric(viaFastify.url, 'parapet_edge_long_poll_waiters')).toBe(1);
    await publishTestPolicy(w, { baseline: allowHost('gitlab', 'gitlab.com') });
    const [fast, slow] = await Promise.all([fastWoken, slowWoken]);
    expect(fast.status).toBe(200);
    expect(fast.headers['preference-applied']).toBe('wait=30');
    expect(fast).toEqual(slow);
    const metrics = await (await fetch(`${w.edge.url}/metrics`)).text();
    expect(metrics).toMatch(/parapet_edge_requests_total\{route="\/v1\/bundle",status="200"\} \d+/);
  });
});

import { describe, expect, it } from 'vitest';
import {
  allowHost,
  createTestEnrollmentToken,
  enrollTestDevice,
  getBundle,
  publishTestPolicy,
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
});

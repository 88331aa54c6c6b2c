import { revokeDevice } from '@parapet/distribution';
import { describe, expect, it } from 'vitest';
import {
  allowHost,
  createTestEnrollmentToken,
  enrollTestDevice,
  getBundle,
  publishTestPolicy,
  readMetric,
  setupEdgeTest,
  verifyServedBundle,
} from '../testing/edge-test-kit';

const world = setupEdgeTest({ maxWaitSeconds: 30 });

async function holdPoll(url: string, device: { accessToken: string }) {
  const current = await getBundle(url, device);
  const etag = current.headers.get('etag') ?? '';
  return { etag, poll: getBundle(url, device, { 'if-none-match': etag, prefer: 'wait=30' }) };
}

describe('two edges on one database', () => {
  it('a publish wakes the waiters of both, through LISTEN/NOTIFY, with the same bundle', async () => {
    const w = world();
    const second = await w.startReplica();
    await publishTestPolicy(w, { baseline: allowHost('github', 'github.com') });
    const token = await createTestEnrollmentToken(w);
    const onFirst = await enrollTestDevice(w.edge.url, token, 'a');
    const onSecond = await enrollTestDevice(second.url, token, 'b');
    const first = await holdPoll(w.edge.url, onFirst);
    const other = await holdPoll(second.url, onSecond);
    expect(first.etag).toBe(other.etag);
    for (const url of [w.edge.url, second.url]) {
      await expect.poll(() => readMetric(url, 'parapet_edge_long_poll_waiters')).toBe(1);
    }
    await publishTestPolicy(w, { baseline: allowHost('gitlab', 'gitlab.com') });
    const [a, b] = await Promise.all([first.poll, other.poll]);
    expect([a.status, b.status]).toEqual([200, 200]);
    const [textA, textB] = await Promise.all([a.text(), b.text()]);
    // Signed once for the generation, by whichever edge came first; both serve those bytes.
    expect(textA).toBe(textB);
    expect((await verifyServedBundle(onFirst, textA)).policyVersion).toBe(2);
    const builds =
      ((await readMetric(w.edge.url, 'parapet_edge_bundle_builds_total')) ?? 0) +
      ((await readMetric(second.url, 'parapet_edge_bundle_builds_total')) ?? 0);
    expect(builds).toBe(4);
  });

  it('a revocation made through one edge’s database ends the device’s wait on the other', async () => {
    const w = world();
    const second = await w.startReplica();
    const device = await enrollTestDevice(w.edge.url, await createTestEnrollmentToken(w));
    const { poll } = await holdPoll(second.url, device);
    await expect.poll(() => readMetric(second.url, 'parapet_edge_long_poll_waiters')).toBe(1);
    await revokeDevice({ db: w.db, actor: w.org.admin.actor, input: { id: device.id } });
    const response = await poll;
    expect(response.status).toBe(403);
  });
});

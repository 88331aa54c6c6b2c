import { revokeDevice } from '@parapet/distribution';
import {
  createPerson,
  deactivatePerson,
  savePolicyDraft,
  updatePerson,
} from '@parapet/policy-admin';
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
  verifyServedBundle,
} from '../testing/edge-test-kit';

const world = setupEdgeTest({ maxWaitSeconds: 30 });

/** An enrolled device holding the current bundle, and a long-poll for a newer one. */
async function waitingDevice(
  w: EdgeTestWorld,
  { token, url = w.edge.url, wait = 30 }: { token?: string; url?: string; wait?: number } = {},
) {
  const device = await enrollTestDevice(url, token ?? (await createTestEnrollmentToken(w)));
  const current = await getBundle(url, device);
  expect(current.status).toBe(200);
  const etag = current.headers.get('etag') ?? '';
  const startedAt = Date.now();
  const controller = new AbortController();
  const poll = getBundle(
    url,
    device,
    { 'if-none-match': etag, prefer: `wait=${wait}` },
    controller.signal,
  );
  // The request is held once the edge counts it among its waiters.
  await expect.poll(() => readMetric(url, 'parapet_edge_long_poll_waiters')).toBeGreaterThan(0);
  return { device, etag, poll, startedAt, controller };
}

async function expectRefusal(response: Response, status: number, code: string) {
  expect(response.status).toBe(status);
  const body = (await response.json()) as { error: { code: string } };
  expect(body.error.code).toBe(code);
}

describe('GET /v1/bundle with Prefer: wait', () => {
  it('is answered with the new bundle as soon as a publish commits', async () => {
    const w = world();
    await publishTestPolicy(w, { baseline: allowHost('github', 'github.com') });
    const { device, etag, poll } = await waitingDevice(w);
    const publishedAt = Date.now();
    await publishTestPolicy(w, { baseline: allowHost('gitlab', 'gitlab.com') });
    const response = await poll;
    const latencyMs = Date.now() - publishedAt;
    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).not.toBe(etag);
    expect(response.headers.get('preference-applied')).toBe('wait=30');
    const claims = await verifyServedBundle(device, await response.text());
    expect(claims.policyVersion).toBe(2);
    // The contract's goal is under a second; the publish itself is in this figure.
    expect(latencyMs).toBeLessThan(3_000);
    expect(await readMetric(w.edge.url, 'parapet_edge_long_poll_waiters')).toBe(0);
  });

  it('answers 304 with Preference-Applied when nothing changes in N seconds', async () => {
    const w = world();
    const { etag, poll, startedAt } = await waitingDevice(w, { wait: 1 });
    const response = await poll;
    const elapsed = Date.now() - startedAt;
    expect(response.status).toBe(304);
    expect(response.headers.get('etag')).toBe(etag);
    expect(response.headers.get('preference-applied')).toBe('wait=1');
    expect(elapsed).toBeGreaterThanOrEqual(950);
    expect(elapsed).toBeLessThan(3_000);
  });

  it('caps the wait at the server’s maximum', async () => {
    const w = world();
    const edge = await w.startReplica({ maxWaitSeconds: 1 });
    const { poll } = await waitingDevice(w, { url: edge.url, wait: 600 });
    const response = await poll;
    expect(response.status).toBe(304);
    expect(response.headers.get('preference-applied')).toBe('wait=1');
  });

  it('forgets a waiting request whose client hangs up', async () => {
    const w = world();
    const { poll, controller } = await waitingDevice(w);
    controller.abort();
    await expect(poll).rejects.toThrow();
    await expect.poll(() => readMetric(w.edge.url, 'parapet_edge_long_poll_waiters')).toBe(0);
    // A publish afterwards finds nobody to answer and breaks nothing.
    await publishTestPolicy(w, { baseline: allowHost('gitlab', 'gitlab.com') });
    expect((await fetch(`${w.edge.url}/healthz`)).status).toBe(200);
  });

  it('ends a waiting request with 403 DEVICE_REVOKED when the device is revoked', async () => {
    const w = world();
    const { device, poll } = await waitingDevice(w);
    await revokeDevice({ db: w.db, actor: w.org.admin.actor, input: { id: device.id } });
    await expectRefusal(await poll, 403, 'DEVICE_REVOKED');
    await expectRefusal(await getBundle(w.edge.url, device), 403, 'DEVICE_REVOKED');
  });

  it('ends a waiting request with 403 PERSON_DEACTIVATED when its person is deactivated', async () => {
    const w = world();
    const person = await createPerson({
      db: w.db,
      actor: w.org.admin.actor,
      input: { email: 'ada@example.test' },
    });
    const token = await createTestEnrollmentToken(w, { person: 'ada@example.test' });
    const { device, poll } = await waitingDevice(w, { token });
    await deactivatePerson({ db: w.db, actor: w.org.admin.actor, input: { personId: person.id } });
    await expectRefusal(await poll, 403, 'PERSON_DEACTIVATED');
    await expectRefusal(await getBundle(w.edge.url, device), 403, 'PERSON_DEACTIVATED');
  });

  it('answers a waiting request with its new group set’s bundle when its person’s groups change', async () => {
    const w = world();
    await publishTestPolicy(w, {
      baseline: allowHost('github', 'github.com'),
      'group:eng': allowHost('npm', 'registry.npmjs.org'),
    });
    const person = await createPerson({
      db: w.db,
      actor: w.org.admin.actor,
      input: { email: 'grace@example.test' },
    });
    const token = await createTestEnrollmentToken(w, { person: 'grace@example.test' });
    const { device, poll } = await waitingDevice(w, { token });
    await updatePerson({
      db: w.db,
      actor: w.org.admin.actor,
      input: { personId: person.id, groups: ['eng'] },
    });
    const response = await poll;
    expect(response.status).toBe(200);
    const claims = await verifyServedBundle(device, await response.text());
    expect(claims.groups).toEqual(['eng']);
  });

  it('moves a device to the group set a publish brings in', async () => {
    const w = world();
    await publishTestPolicy(w, { baseline: allowHost('github', 'github.com') });
    // `ops` exists and the person is in it, but no published version has an `ops` layer yet.
    await savePolicyDraft({
      db: w.db,
      actor: w.org.owner.actor,
      input: { layer: 'group:ops', source: allowHost('grafana', 'grafana.example.com') },
    });
    await createPerson({
      db: w.db,
      actor: w.org.admin.actor,
      input: { email: 'lin@example.test', groups: ['ops'] },
    });
    const token = await createTestEnrollmentToken(w, { person: 'lin@example.test' });
    const { device, poll } = await waitingDevice(w, { token });
    await publishTestPolicy(w, {}, 'publish the ops layer');
    expect((await poll).status).toBe(200);
    await expect
      .poll(async () => {
        const response = await getBundle(w.edge.url, device);
        return (await verifyServedBundle(device, await response.text())).groups;
      })
      .toEqual(['ops']);
  });

  it('ends waiting requests with 503 and Retry-After when the edge shuts down', async () => {
    const w = world();
    const edge = await w.startReplica();
    const { poll } = await waitingDevice(w, { url: edge.url });
    const closing = edge.close();
    const response = await poll;
    await closing;
    await expectRefusal(response, 503, 'UNAVAILABLE');
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });

  it('catches up after the LISTEN connection drops: a publish it missed still wakes waiters', async () => {
    const w = world();
    const edge = await w.startReplica({ listenReconnectDelayMs: 1_500 });
    await publishTestPolicy(w, { baseline: allowHost('github', 'github.com') });
    const { poll } = await waitingDevice(w, { url: edge.url });
    const { count } = await terminateListenConnections(w);
    expect(count).toBeGreaterThan(0);
    await expect.poll(() => readMetric(edge.url, 'parapet_edge_listen_connected')).toBe(0);
    // Published while this edge is not listening: only the reconnect can tell it.
    await publishTestPolicy(w, { baseline: allowHost('gitlab', 'gitlab.com') });
    const response = await poll;
    expect(response.status).toBe(200);
    expect(await readMetric(edge.url, 'parapet_edge_listen_reconnects_total')).toBe(1);
  });
});

/** Kills every edge's LISTEN connection to this test's database, as a network failure would. */
async function terminateListenConnections(w: EdgeTestWorld): Promise<{ count: number }> {
  const rows = await w.db.$queryRaw<{ terminated: boolean }[]>`
    SELECT pg_terminate_backend(pid) AS terminated FROM pg_stat_activity
    WHERE application_name = 'parapet-edge-listen' AND datname = current_database()`;
  return { count: rows.filter((row) => row.terminated).length };
}

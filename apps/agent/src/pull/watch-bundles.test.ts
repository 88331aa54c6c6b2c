import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BundleListener } from '../enforcement/bundle-listener';
import { type AgentFixture, enrolledAgent } from '../testing/agent-fixture';
import { EventStream } from '../testing/event-stream';
import { HostileEdge } from '../testing/hostile-edge';
import type { ActiveBundle } from '../trust/active-bundle';
import { openAgent } from './open-agent';
import { backoffDelay, type WatchEvent, watchBundles } from './watch-bundles';

let fixture: AgentFixture;
afterEach(async () => {
  await fixture.close();
});

describe('parapet-agent pull --watch', () => {
  it('follows publishes as they happen, refuses forgeries, and stops when the device is revoked', async () => {
    fixture = await enrolledAgent();
    await fixture.serve({ ver: 1 });
    const stream = new EventStream();
    const watching = fixture.run(['pull', '--watch', '--wait', '5'], { onStdout: stream.write });

    expect(await stream.next((event) => event.event === 'started')).toEqual({
      event: 'started',
      ver: null,
      stale: false,
    });
    expect(await stream.next((event) => event.event === 'bundle')).toMatchObject({ ver: 1 });

    // A publish wakes the waiting long-poll: no polling interval stands in between.
    const published = Date.now();
    const second = stream.nextNamed('bundle');
    await fixture.serve({ ver: 2 });
    expect(await second).toMatchObject({ event: 'bundle', ver: 2 });
    expect(Date.now() - published).toBeLessThan(1_000);
    await vi.waitFor(() =>
      expect(fixture.edge.statusReports.at(-1)).toMatchObject({ activeVer: 2, lastError: null }),
    );

    const refused = stream.nextNamed('refused');
    await fixture.serve({ ver: 3, org: 'org_other' });
    expect(await refused).toMatchObject({ reason: 'wrong_org', retryInMs: expect.any(Number) });
    await vi.waitFor(() =>
      expect(fixture.edge.statusReports.at(-1)).toMatchObject({
        activeVer: 2,
        lastError: { code: 'wrong_org' },
      }),
    );

    // The refused bytes are not asked for again; a genuine bundle gets through.
    const third = stream.nextNamed('bundle', 15_000);
    await fixture.serve({ ver: 3 });
    expect(await third).toMatchObject({ ver: 3 });

    fixture.edge.deviceRefusal = { status: 403, code: 'PERSON_DEACTIVATED' };
    fixture.edge.serve(fixture.edge.bundle);
    const result = await watching;
    expect(result.code).toBe(4);
    expect(stream.events.at(-1)).toMatchObject({
      event: 'device_refused',
      code: 'PERSON_DEACTIVATED',
    });
    expect(result.stderr).toContain('the edge refused this device: PERSON_DEACTIVATED');
    expect(result.stderr).toContain('stopping');
    expect((await fixture.run(['status'])).json()).toMatchObject({
      active: { ver: 3 },
      lastError: { code: 'PERSON_DEACTIVATED' },
    });
  });

  it('stops cleanly, exit 0, when interrupted', async () => {
    fixture = await enrolledAgent();
    await fixture.serve();
    const controller = new AbortController();
    const stream = new EventStream();
    const watching = fixture.run(['pull', '--watch'], {
      onStdout: stream.write,
      signal: controller.signal,
    });
    await stream.next((event) => event.event === 'bundle');
    controller.abort();
    expect((await watching).code).toBe(0);
  });

  it('reconnects with backoff when the edge goes away, and catches up when it returns', async () => {
    fixture = await enrolledAgent();
    await fixture.serve({ ver: 1 });
    const port = Number(new URL(fixture.edge.url).port);
    await fixture.edge.stop();
    const stream = new EventStream<WatchEvent>();
    const controller = new AbortController();
    const agent = await openAgent(fixture.stateDir);
    const watching = watchBundles(agent, {
      waitSeconds: 5,
      signal: controller.signal,
      emit: (event) => stream.push(event),
      backoff: (attempt) => 20 * attempt,
    });
    const firstError = await stream.next((event) => event.event === 'error');
    expect(firstError).toMatchObject({ code: 'EDGE_UNREACHABLE', retryInMs: 20 });
    await stream.next((event) => event.event === 'error' && event.retryInMs === 60);

    // The edge comes back on the same address.
    const revived = await new HostileEdge().start(port);
    revived.keySets = fixture.signing.keySets;
    revived.serve(fixture.edge.bundle, 1);
    try {
      expect(await stream.next((event) => event.event === 'bundle')).toMatchObject({ ver: 1 });
      controller.abort();
      expect(await watching).toBe('stopped');
    } finally {
      controller.abort();
      await revived.stop();
    }
  });

  it('tells enforcement listeners about the bundle in force at start and every change after', async () => {
    fixture = await enrolledAgent();
    await fixture.serve({ ver: 1 });
    await fixture.run(['pull']);
    const seen: number[] = [];
    const recorder: BundleListener = {
      onBundleChanged: (bundle: ActiveBundle) => {
        seen.push(bundle.claims.ver);
        // A listener gets a policy it can decide with.
        expect(
          bundle.policy.evaluate(
            { surface: 'network', host: 'github.com', port: 443 },
            { groups: bundle.claims.groups },
          ).decision,
        ).toBe('allow');
      },
    };
    const broken: BundleListener = {
      onBundleChanged: () => {
        throw new Error('renderer is not installed');
      },
    };
    const stream = new EventStream<WatchEvent>();
    const controller = new AbortController();
    const agent = await openAgent(fixture.stateDir);
    const watching = watchBundles(agent, {
      waitSeconds: 5,
      signal: controller.signal,
      emit: (event) => stream.push(event),
      listeners: [broken, recorder],
    });
    await stream.next((event) => event.event === 'started');
    const changed = stream.nextNamed('bundle');
    await fixture.serve({ ver: 2 });
    await changed;
    controller.abort();
    await watching;
    expect(seen).toEqual([1, 2]);
    const warnings = stream.events.filter((event) => event.event === 'warning');
    expect(warnings).toEqual([
      { event: 'warning', message: 'an enforcement listener failed: renderer is not installed' },
      { event: 'warning', message: 'an enforcement listener failed: renderer is not installed' },
    ]);
  });
});

describe('a misbehaving edge does not make the watch spin', () => {
  const polls = () => fixture.edge.requests.filter((request) => request.path === '/v1/bundle');

  it('polls at most once a second when the edge answers a long-poll at once', async () => {
    fixture = await enrolledAgent();
    await fixture.serve();
    fixture.edge.ignoreWait = true;
    const controller = new AbortController();
    const stream = new EventStream();
    const watching = fixture.run(['pull', '--watch'], {
      onStdout: stream.write,
      signal: controller.signal,
    });
    await stream.next((event) => event.event === 'bundle');
    const start = polls().length;
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    controller.abort();
    await watching;
    expect(polls().length - start).toBeLessThanOrEqual(4);
    expect(
      stream.events.filter((event) => event.event === 'unchanged').length,
    ).toBeGreaterThanOrEqual(1);
  });

  it('asks with the last good ETag again once the edge stops serving the refused bundle', async () => {
    fixture = await enrolledAgent();
    const good = await fixture.serve({ ver: 1 });
    const controller = new AbortController();
    const stream = new EventStream<WatchEvent>();
    const agent = await openAgent(fixture.stateDir);
    const watching = watchBundles(agent, {
      waitSeconds: 5,
      signal: controller.signal,
      emit: (event) => stream.push(event),
      backoff: () => 20,
    });
    await stream.next((event) => event.event === 'bundle');
    const refused = stream.nextNamed('refused');
    await fixture.serve({ ver: 2, org: 'org_other' });
    await refused;
    fixture.edge.serve(good, 1);
    await stream.next((event) => event.event === 'unchanged');
    // After the minimum poll interval, held on the last good bundle's ETag, not hammering.
    await new Promise((resolve) => setTimeout(resolve, 1_300));
    const count = polls().length;
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(polls().length).toBe(count);
    expect(polls().at(-1)?.headers['if-none-match']).toBe(HostileEdge.etagOf(good));
    controller.abort();
    await watching;
  });
});

describe('backoffDelay', () => {
  it('doubles from 1 s up to 60 s, drawn between half and all of it', () => {
    expect([1, 2, 3, 4, 7, 8, 30].map((attempt) => backoffDelay(attempt, () => 1))).toEqual([
      1000, 2000, 4000, 8000, 60_000, 60_000, 60_000,
    ]);
    expect(backoffDelay(3, () => 0)).toBe(2000);
    for (let attempt = 1; attempt < 40; attempt++) {
      const delay = backoffDelay(attempt);
      expect(delay).toBeGreaterThanOrEqual(500);
      expect(delay).toBeLessThanOrEqual(60_000);
    }
  });
});

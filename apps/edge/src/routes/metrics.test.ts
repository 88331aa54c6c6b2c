import { describe, expect, it } from 'vitest';
import {
  createTestEnrollmentToken,
  enrollTestDevice,
  getBundle,
  readMetric,
  setupEdgeTest,
} from '../testing/edge-test-kit';

const world = setupEdgeTest();

describe('GET /metrics', () => {
  it('counts requests by route and status, refusals by code, cache hits and bundle builds', async () => {
    const w = world();
    const device = await enrollTestDevice(w.edge.url, await createTestEnrollmentToken(w));
    const first = await getBundle(w.edge.url, device);
    const etag = first.headers.get('etag') ?? '';
    for (let i = 0; i < 3; i += 1) {
      expect((await getBundle(w.edge.url, device, { 'if-none-match': etag })).status).toBe(304);
    }
    // A held poll that times out is one more 304, counted once.
    const held = await getBundle(w.edge.url, device, { 'if-none-match': etag, prefer: 'wait=1' });
    expect(held.status).toBe(304);
    await fetch(`${w.edge.url}/v1/bundle`);
    await fetch(`${w.edge.url}/nowhere`);

    const response = await fetch(`${w.edge.url}/metrics`);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const url = w.edge.url;
    expect(
      await readMetric(url, 'parapet_edge_requests_total{route="/v1/bundle",status="200"}'),
    ).toBe(1);
    expect(
      await readMetric(url, 'parapet_edge_requests_total{route="/v1/bundle",status="304"}'),
    ).toBe(4);
    expect(
      await readMetric(url, 'parapet_edge_requests_total{route="/v1/bundle",status="401"}'),
    ).toBe(1);
    expect(
      await readMetric(url, 'parapet_edge_requests_total{route="/v1/enroll",status="201"}'),
    ).toBe(1);
    expect(
      await readMetric(url, 'parapet_edge_requests_total{route="unmatched",status="404"}'),
    ).toBe(1);
    expect(await readMetric(url, 'parapet_edge_refusals_total{code="TOKEN_INVALID"}')).toBe(1);
    expect(await readMetric(url, 'parapet_edge_refusals_total{code="NOT_FOUND"}')).toBe(1);
    expect(await readMetric(url, 'parapet_edge_cache_hits_total{cache="device"}')).toBe(4);
    expect(await readMetric(url, 'parapet_edge_cache_misses_total{cache="device"}')).toBe(1);
    expect(await readMetric(url, 'parapet_edge_cache_hits_total{cache="bundle"}')).toBe(4);
    expect(await readMetric(url, 'parapet_edge_bundle_builds_total')).toBe(1);
    expect(await readMetric(url, 'parapet_edge_long_poll_waiters')).toBe(0);
    expect(await readMetric(url, 'parapet_edge_listen_connected')).toBe(1);
    expect(await readMetric(url, 'parapet_edge_process_resident_memory_bytes')).toBeGreaterThan(0);
  });
});

describe('GET /healthz and /readyz', () => {
  it('are up while the database is', async () => {
    const { edge } = world();
    expect(await (await fetch(`${edge.url}/healthz`)).json()).toEqual({ status: 'ok' });
    expect(await (await fetch(`${edge.url}/readyz`)).json()).toEqual({ status: 'ready' });
  });
});

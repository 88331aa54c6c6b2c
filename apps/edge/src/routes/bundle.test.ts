import { describe, expect, it } from 'vitest';
import {
  allowHost,
  createTestEnrollmentToken,
  enrollTestDevice,
  getBundle,
  publishTestPolicy,
  setupEdgeTest,
  testIssuer,
  verifyServedBundle,
} from '../testing/edge-test-kit';

const world = setupEdgeTest();

describe('GET /v1/bundle', () => {
  it('serves the signed bundle with its ETag, then 304 for that ETag', async () => {
    const { edge, org } = world();
    await publishTestPolicy(world(), { baseline: allowHost('github', 'github.com') });
    const device = await enrollTestDevice(edge.url, await createTestEnrollmentToken(world()));

    const first = await getBundle(edge.url, device);
    expect(first.status).toBe(200);
    const text = await first.text();
    const etag = first.headers.get('etag') ?? '';
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{43}"$/);
    expect(first.headers.get('cache-control')).toBe('no-store');
    expect(first.headers.get('content-type')).toMatch(/^application\/json/);
    const claims = await verifyServedBundle(device, text);
    expect(claims).toMatchObject({ iss: testIssuer, org: org.orgId, policyVersion: 1, groups: [] });
    expect(first.headers.get('parapet-bundle-ver')).toBe(String(claims.ver));
    expect(first.headers.get('parapet-key-set-version')).toBe('1');

    const again = await getBundle(edge.url, device, { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.headers.get('etag')).toBe(etag);
    expect(await again.text()).toBe('');

    const stale = await getBundle(edge.url, device, { 'if-none-match': '"something-else"' });
    expect(stale.status).toBe(200);
    expect(await stale.text()).toBe(text);
  });

  it('serves devices with the same groups one bundle, and other groups another', async () => {
    const { edge } = world();
    await publishTestPolicy(world(), {
      baseline: allowHost('github', 'github.com'),
      'group:eng': allowHost('npm', 'registry.npmjs.org'),
    });
    const plain = await createTestEnrollmentToken(world());
    const eng = await createTestEnrollmentToken(world(), { groups: ['eng'] });
    const [first, second, engineer] = await Promise.all([
      enrollTestDevice(edge.url, plain, 'a'),
      enrollTestDevice(edge.url, plain, 'b'),
      enrollTestDevice(edge.url, eng, 'c'),
    ]);
    const [a, b, c] = await Promise.all(
      [first, second, engineer].map((d) => getBundle(edge.url, d)),
    );
    expect(a?.headers.get('etag')).toBe(b?.headers.get('etag'));
    expect(c?.headers.get('etag')).not.toBe(a?.headers.get('etag'));
    const claims = await verifyServedBundle(engineer, await (c as Response).text());
    expect(claims.groups).toEqual(['eng']);
  });

  it('serves the new bundle after a publish, without a restart', async () => {
    const { edge } = world();
    await publishTestPolicy(world(), { baseline: allowHost('github', 'github.com') });
    const device = await enrollTestDevice(edge.url, await createTestEnrollmentToken(world()));
    const before = await getBundle(edge.url, device);
    const etag = before.headers.get('etag') ?? '';
    await publishTestPolicy(world(), { baseline: allowHost('gitlab', 'gitlab.com') });
    await expect
      .poll(async () => (await getBundle(edge.url, device, { 'if-none-match': etag })).status)
      .toBe(200);
    const after = await getBundle(edge.url, device);
    const claims = await verifyServedBundle(device, await after.text());
    expect(claims.policyVersion).toBe(2);
  });

  it('re-signs a bundle past half its lifetime, and a waiting device gets the new one', async () => {
    const w = world();
    const edge = await w.startReplica({ bundleTtlSeconds: 4, maxWaitSeconds: 30 });
    const device = await enrollTestDevice(edge.url, await createTestEnrollmentToken(w));
    const first = await getBundle(edge.url, device);
    const before = await verifyServedBundle(device, await first.text());
    expect(before.exp - before.iat).toBe(4);
    const etag = first.headers.get('etag') ?? '';
    const renewed = await getBundle(edge.url, device, { 'if-none-match': etag, prefer: 'wait=20' });
    expect(renewed.status).toBe(200);
    const after = await verifyServedBundle(device, await renewed.text());
    expect(after.ver).toBeGreaterThan(before.ver);
    expect(after.policyVersion).toBe(before.policyVersion);
  });

  it('refuses a missing, malformed, forged or expired token with 401 and the error body', async () => {
    const { edge } = world();
    const device = await enrollTestDevice(edge.url, await createTestEnrollmentToken(world()));
    const [payload = '', mac = ''] = device.accessToken.split('.');
    const expiredPayload = Buffer.from(
      JSON.stringify({
        ...JSON.parse(Buffer.from(payload.slice(4), 'base64url').toString()),
        e: 1,
      }),
    ).toString('base64url');
    const cases: [string, Record<string, string>, string][] = [
      ['no header', {}, 'TOKEN_INVALID'],
      ['another scheme', { authorization: `Basic ${device.accessToken}` }, 'TOKEN_INVALID'],
      ['garbage', { authorization: 'Bearer nonsense' }, 'TOKEN_INVALID'],
      [
        'a forged expiry',
        { authorization: `Bearer pdt_${expiredPayload}.${mac}` },
        'TOKEN_INVALID',
      ],
      ['a bad MAC', { authorization: `Bearer ${payload}.${'A'.repeat(43)}` }, 'TOKEN_INVALID'],
    ];
    for (const [name, headers, code] of cases) {
      const response = await fetch(`${edge.url}/v1/bundle`, { headers });
      expect(response.status, name).toBe(401);
      const body = (await response.json()) as { error: { code: string; requestId: string } };
      expect(body.error.code, name).toBe(code);
      expect(body.error.requestId, name).toMatch(/^[0-9a-f]{8}-[0-9a-z]+$/);
      expect(response.headers.get('www-authenticate'), name).toMatch(/^Bearer/);
    }
  });
});

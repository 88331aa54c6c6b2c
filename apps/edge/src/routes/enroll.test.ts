import { generateKeyPairSync } from 'node:crypto';
import { createEnrollmentToken, revokeEnrollmentToken } from '@parapet/distribution';
import { describe, expect, it } from 'vitest';
import {
  createTestEnrollmentToken,
  enrollTestDevice,
  getBundle,
  postJson,
  setupEdgeTest,
  testIssuer,
} from '../testing/edge-test-kit';

const world = setupEdgeTest({ rateLimits: { enrollPerMinute: 5 } });

function enrollBody(token: string) {
  const { x } = generateKeyPairSync('ed25519').publicKey.export({ format: 'jwk' });
  return {
    token,
    publicKey: { kty: 'OKP', crv: 'Ed25519', x },
    device: { hostname: 'build-7', os: 'linux', agentVersion: '0.1.0' },
  };
}

describe('POST /v1/enroll', () => {
  it('answers 201 with the device id, the trust root and a working access token', async () => {
    const w = world();
    const token = await createTestEnrollmentToken(w);
    const response = await postJson(`${w.edge.url}/v1/enroll`, enrollBody(token));
    expect(response.status).toBe(201);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      device: expect.stringMatching(/^[0-9a-f-]{36}$/),
      org: w.org.orgId,
      issuer: testIssuer,
      keySets: [expect.any(String)],
      accessToken: expect.stringMatching(/^pdt_/),
    });
    expect(Date.parse(String(body.accessTokenExpiresAt))).toBeGreaterThan(Date.now());
    expect(response.headers.get('cache-control')).toBe('no-store');
    const device = { accessToken: String(body.accessToken) };
    expect((await getBundle(w.edge.url, device)).status).toBe(200);
  });

  it('gives one answer, 401 ENROLLMENT_TOKEN_INVALID, for unknown, used and revoked tokens', async () => {
    const w = world();
    const once = await createTestEnrollmentToken(w, { reusable: false });
    await enrollTestDevice(w.edge.url, once);
    const { token: revoked, id } = await createEnrollmentToken({
      db: w.db,
      actor: w.org.owner.actor,
      input: { reusable: true },
    });
    await revokeEnrollmentToken({ db: w.db, actor: w.org.owner.actor, input: { id } });
    const bodies = new Set<string>();
    for (const token of [once, revoked, `pet_${'A'.repeat(43)}`, 'not a token']) {
      const response = await postJson(`${w.edge.url}/v1/enroll`, enrollBody(token));
      expect(response.status, token).toBe(401);
      const { error } = (await response.json()) as { error: { code: string; message: string } };
      expect(error.code).toBe('ENROLLMENT_TOKEN_INVALID');
      bodies.add(error.message);
    }
    expect(bodies.size).toBe(1);
  });

  it('limits enrollment attempts per address: 429 with Retry-After past the allowance', async () => {
    const w = world();
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let attempt = 0; attempt < 7; attempt += 1) {
      const response = await postJson(`${w.edge.url}/v1/enroll`, enrollBody('not a token'));
      statuses.push(response.status);
      if (response.status === 429) {
        retryAfter = response.headers.get('retry-after');
        const { error } = (await response.json()) as { error: { code: string } };
        expect(error.code).toBe('RATE_LIMITED');
      }
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
    expect(Number(retryAfter)).toBeGreaterThan(0);
  });
});

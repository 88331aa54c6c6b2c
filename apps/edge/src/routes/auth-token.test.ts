import { sign } from 'node:crypto';
import { revokeDevice } from '@parapet/distribution';
import { describe, expect, it } from 'vitest';
import {
  createTestEnrollmentToken,
  enrollTestDevice,
  getBundle,
  postJson,
  setupEdgeTest,
  signInTestDevice,
} from '../testing/edge-test-kit';

const world = setupEdgeTest();

describe('POST /v1/auth/challenge and /v1/auth/token', () => {
  it('trades a signed challenge for an access token that works', async () => {
    const w = world();
    const device = await enrollTestDevice(w.edge.url, await createTestEnrollmentToken(w));
    const response = await signInTestDevice(w.edge.url, device);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { accessToken: string; expiresAt: string };
    expect(body.accessToken).toMatch(/^pdt_/);
    expect(Date.parse(body.expiresAt) - Date.now()).toBeGreaterThan(14 * 60_000);
    expect((await getBundle(w.edge.url, { accessToken: body.accessToken })).status).toBe(200);
  });

  it('gives a challenge for a device id that does not exist, and never a token for it', async () => {
    const w = world();
    const unknown = '00000000-0000-4000-8000-000000000000';
    const issued = await postJson(`${w.edge.url}/v1/auth/challenge`, { device: unknown });
    expect(issued.status).toBe(200);
    const { challenge } = (await issued.json()) as { challenge: string };
    const response = await postJson(`${w.edge.url}/v1/auth/token`, {
      device: unknown,
      challenge,
      signature: 'A'.repeat(86),
    });
    expect(response.status).toBe(401);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe(
      'CHALLENGE_INVALID',
    );
  });

  it('refuses a challenge signed by another key, and a challenge used twice', async () => {
    const w = world();
    const token = await createTestEnrollmentToken(w);
    const device = await enrollTestDevice(w.edge.url, token, 'a');
    const other = await enrollTestDevice(w.edge.url, token, 'b');
    const issued = await postJson(`${w.edge.url}/v1/auth/challenge`, { device: device.id });
    const { challenge } = (await issued.json()) as { challenge: string };
    const forged = sign(null, Buffer.from(challenge), other.privateKey).toString('base64url');
    const refused = await postJson(`${w.edge.url}/v1/auth/token`, {
      device: device.id,
      challenge,
      signature: forged,
    });
    expect(refused.status).toBe(401);
    // The challenge was spent by the refused attempt: the right signature no longer helps.
    const right = sign(null, Buffer.from(challenge), device.privateKey).toString('base64url');
    const replay = await postJson(`${w.edge.url}/v1/auth/token`, {
      device: device.id,
      challenge,
      signature: right,
    });
    expect(replay.status).toBe(401);
  });

  it('tells a revoked device’s key holder DEVICE_REVOKED (403)', async () => {
    const w = world();
    const device = await enrollTestDevice(w.edge.url, await createTestEnrollmentToken(w));
    await revokeDevice({ db: w.db, actor: w.org.admin.actor, input: { id: device.id } });
    const response = await signInTestDevice(w.edge.url, device);
    expect(response.status).toBe(403);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe(
      'DEVICE_REVOKED',
    );
  });
});

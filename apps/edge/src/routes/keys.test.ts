import { verifyKeySets } from '@parapet/bundle';
import { rotateSigningKey } from '@parapet/distribution';
import { describe, expect, it } from 'vitest';
import {
  createTestEnrollmentToken,
  enrollTestDevice,
  setupEdgeTest,
} from '../testing/edge-test-kit';

const world = setupEdgeTest();

async function getKeys(url: string, accessToken: string): Promise<string[]> {
  const response = await fetch(`${url}/v1/keys`, {
    headers: { authorization: `Bearer ${accessToken}` },
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { keySets: string[] }).keySets;
}

describe('GET /v1/keys', () => {
  it('serves the key-set chain, and the longer chain once a key is rotated', async () => {
    const w = world();
    const device = await enrollTestDevice(w.edge.url, await createTestEnrollmentToken(w));
    expect(await getKeys(w.edge.url, device.accessToken)).toHaveLength(1);
    await rotateSigningKey({ db: w.db, actor: w.org.owner.actor });
    await expect.poll(async () => (await getKeys(w.edge.url, device.accessToken)).length).toBe(2);
    const chain = await getKeys(w.edge.url, device.accessToken);
    const verified = await verifyKeySets(chain, device.trust, new Date());
    expect(verified.ok).toBe(true);
  });

  it('refuses a request without a token', async () => {
    const response = await fetch(`${world().edge.url}/v1/keys`);
    expect(response.status).toBe(401);
  });
});

import { describe, expect, it } from 'vitest';
import {
  createTestEnrollmentToken,
  enrollTestDevice,
  postJson,
  setupEdgeTest,
} from '../testing/edge-test-kit';

const world = setupEdgeTest();

describe('POST /v1/status', () => {
  it('records what the device reports (204)', async () => {
    const w = world();
    const device = await enrollTestDevice(w.edge.url, await createTestEnrollmentToken(w));
    const response = await postJson(
      `${w.edge.url}/v1/status`,
      {
        agentVersion: '0.2.0',
        activeVer: 3,
        activeEtag: '"abc"',
        lastError: { code: 'rollback', message: 'ver 2 < 3', at: new Date().toISOString() },
        droppedEvents: 4,
      },
      { authorization: `Bearer ${device.accessToken}` },
    );
    expect(response.status).toBe(204);
    const row = await w.db.device.findUniqueOrThrow({ where: { id: device.id } });
    expect(row).toMatchObject({ agentVersion: '0.2.0', activeVer: 3, droppedEvents: 4n });
    expect(row.lastError).toMatchObject({ code: 'rollback' });
  });

  it('checks the token before the body', async () => {
    const response = await postJson(`${world().edge.url}/v1/status`, { nonsense: true });
    expect(response.status).toBe(401);
  });
});

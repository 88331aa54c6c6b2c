import type { AdminApi } from '../publish/admin-api';

const now = () => performance.timeOrigin + performance.now();

/**
 * Holds a device's long-poll (`If-None-Match` with the bundle it has, `Prefer: wait`) and
 * resolves when the edge answers a different bundle: the moment it arrived, and its ETag. A
 * 304 (the wait ran out) polls again.
 */
export async function waitForBundle({
  edgeUrl,
  accessToken,
  etag,
}: {
  edgeUrl: string;
  accessToken: string;
  etag: string;
}): Promise<{ at: number; etag: string }> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const response = await fetch(`${edgeUrl}/v1/bundle`, {
      headers: {
        Authorization: `Bearer ${accessToken}`,
        'If-None-Match': etag,
        Prefer: 'wait=30',
      },
    });
    await response.arrayBuffer();
    const at = now();
    if (response.status === 200) return { at, etag: response.headers.get('etag') ?? '' };
    if (response.status !== 304) throw new Error(`GET /v1/bundle: ${response.status}`);
  }
  throw new Error('The device did not receive a new bundle within 60 s.');
}

/**
 * Polls the admin API's effective policy for a person (the engine's merged policy) until it
 * holds the rule `ruleId` of the mapped group (or no longer does), and returns when it first
 * saw that.
 */
export async function waitForEffectiveRule({
  api,
  email,
  ruleId,
  present,
}: {
  api: AdminApi;
  email: string;
  ruleId: string;
  present: boolean;
}): Promise<number> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const answer = await api.call('GET', `/policy/effective?person=${encodeURIComponent(email)}`);
    const at = now();
    if (answer.status !== 200) throw new Error(`GET /policy/effective: ${answer.status}`);
    if (JSON.stringify(answer.json).includes(`"${ruleId}"`) === present) return at;
  }
  throw new Error(
    `The effective policy did not ${present ? 'gain' : 'lose'} ${ruleId} within 60 s.`,
  );
}

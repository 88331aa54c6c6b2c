import { decideDeviceLogin } from '@parapet/identity/device-login';
import {
  newDeviceLoginKey,
  seedSsoPersonSession,
  testDeviceFacts,
} from '@parapet/identity/device-login/testing';
import { describe, expect, it } from 'vitest';
import {
  allowHost,
  createTestEnrollmentToken,
  type EdgeTestWorld,
  enrollTestDevice,
  getBundle,
  postJson,
  publishTestPolicy,
  readMetric,
  setupEdgeTest,
  signInTestDevice,
  testIssuer,
  verifyServedBundle,
} from '../testing/edge-test-kit';

// The edge's side of device login (RFC 8628): the authorization request, every answer of the
// token endpoint, single use under concurrent polls, the per-address limit, and expiry, with
// the edge's clock injected so no test waits out an interval.
let clock = Date.now();
const consoleUrl = 'https://console.example.test';
const world = setupEdgeTest({
  rateLimits: { enrollPerMinute: 4 },
  deviceLogin: { consoleUrl, now: () => new Date(clock) },
});
const grant = 'urn:ietf:params:oauth:grant-type:device_code';

type Started = {
  device_code: string;
  user_code: string;
  key: ReturnType<typeof newDeviceLoginKey>;
};

async function authorize(w: EdgeTestWorld): Promise<Started> {
  const key = newDeviceLoginKey();
  const response = await postJson(`${w.edge.url}/v1/device/authorize`, {
    publicKey: key.publicKey,
    device: testDeviceFacts,
  });
  expect(response.status, await response.clone().text()).toBe(200);
  return { ...((await response.json()) as { device_code: string; user_code: string }), key };
}

function pollForm(w: EdgeTestWorld, body: string) {
  return fetch(`${w.edge.url}/v1/device/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body,
  });
}

const poll = (w: EdgeTestWorld, deviceCode: string) =>
  pollForm(w, new URLSearchParams({ grant_type: grant, device_code: deviceCode }).toString());

async function oauthError(response: Response): Promise<string> {
  expect(response.status).toBe(400);
  expect(response.headers.get('cache-control')).toBe('no-store');
  const body = (await response.json()) as { error: string; error_description: string };
  expect(body.error_description.length).toBeGreaterThan(0);
  return body.error;
}

async function decide(w: EdgeTestWorld, userCode: string, decision: 'approve' | 'deny') {
  const person = await seedSsoPersonSession({ prisma: w.db, orgId: w.org.orgId, groups: ['eng'] });
  await decideDeviceLogin({
    db: w.db,
    sessionToken: person.sessionToken,
    input: { userCode, decision },
    now: new Date(clock),
  });
  return person;
}

describe('POST /v1/device/authorize', () => {
  it('answers RFC 8628 §3.2’s fields, with the console’s /device page as verification_uri', async () => {
    clock = Date.now();
    const w = world();
    const response = await postJson(`${w.edge.url}/v1/device/authorize`, {
      publicKey: newDeviceLoginKey().publicKey,
      device: testDeviceFacts,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toEqual({
      device_code: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      user_code: expect.stringMatching(/^[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}$/),
      verification_uri: `${consoleUrl}/device`,
      verification_uri_complete: `${consoleUrl}/device?user_code=${body.user_code}`,
      expires_in: 600,
      interval: 5,
    });
  });

  it('refuses a bad body (400), an enrolled key (409), and more than the per-address allowance (429)', async () => {
    clock = Date.now();
    const w = world();
    const bad = await postJson(`${w.edge.url}/v1/device/authorize`, {
      publicKey: { kty: 'OKP', crv: 'Ed25519', x: 'short', d: 'private' },
      device: { ...testDeviceFacts, hostname: 'evil\u202ehost' },
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('INVALID_INPUT');
    const started = await authorize(w);
    await decide(w, started.user_code, 'approve');
    expect((await poll(w, started.device_code)).status).toBe(200);
    const again = await postJson(`${w.edge.url}/v1/device/authorize`, {
      publicKey: started.key.publicKey,
      device: testDeviceFacts,
    });
    expect(again.status).toBe(409);
    const another = () =>
      postJson(`${w.edge.url}/v1/device/authorize`, {
        publicKey: newDeviceLoginKey().publicKey,
        device: testDeviceFacts,
      });
    expect((await another()).status).toBe(200);
    const limited = await another();
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

describe('POST /v1/device/token', () => {
  it('answers pending, slow_down, then expired_token, and refuses malformed requests RFC 6749’s way', async () => {
    clock = Date.now();
    const w = world();
    const { device_code } = await authorize(w);
    expect(await oauthError(await poll(w, device_code))).toBe('authorization_pending');
    clock += 2_000;
    expect(await oauthError(await poll(w, device_code))).toBe('slow_down');
    clock += 9_000;
    expect(await oauthError(await poll(w, device_code))).toBe('slow_down');
    clock += 15_000;
    const json = await postJson(`${w.edge.url}/v1/device/token`, {
      grant_type: grant,
      device_code,
    });
    expect(await oauthError(json)).toBe('authorization_pending');
    expect(await oauthError(await poll(w, 'unknown-code'))).toBe('invalid_grant');
    expect(
      await oauthError(await pollForm(w, `grant_type=password&device_code=${device_code}`)),
    ).toBe('unsupported_grant_type');
    expect(await oauthError(await pollForm(w, `grant_type=${encodeURIComponent(grant)}`))).toBe(
      'invalid_request',
    );
    const twice = `grant_type=${encodeURIComponent(grant)}&device_code=a&device_code=b`;
    expect(await oauthError(await pollForm(w, twice))).toBe('invalid_request');
    expect(await oauthError(await pollForm(w, '__proto__=x'))).toBe('invalid_request');
    clock += 600_000;
    expect(await oauthError(await poll(w, device_code))).toBe('expired_token');
    expect(
      await readMetric(w.edge.url, 'parapet_edge_device_logins_total{outcome="slow_down"}'),
    ).toBe(2);
  });

  it('answers access_denied once the person denies', async () => {
    clock = Date.now();
    const w = world();
    const { device_code, user_code } = await authorize(w);
    await decide(w, user_code, 'deny');
    expect(await oauthError(await poll(w, device_code))).toBe('access_denied');
    expect(await w.db.device.count()).toBe(0);
  });

  it('enrolls the approving person’s device once under concurrent polls; the device signs in and gets their groups', async () => {
    clock = Date.now();
    const w = world();
    const started = await authorize(w);
    await publishTestPolicy(w, {
      baseline: allowHost('github', 'github.com'),
      'group:eng': allowHost('npm', 'registry.npmjs.org'),
    });
    const person = await decide(w, started.user_code, 'approve');
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => poll(w, started.device_code)),
    );
    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses).toEqual([200, 400, 400, 400, 400, 400, 400, 400]);
    const winner = answers.find((answer) => answer.status === 200);
    const enrolled = (await winner?.json()) as Record<string, unknown>;
    expect(enrolled).toEqual({
      device: expect.stringMatching(/^[0-9a-f-]{36}$/),
      org: w.org.orgId,
      issuer: testIssuer,
      keySets: [expect.any(String)],
    });
    for (const answer of answers.filter((each) => each.status === 400)) {
      expect(((await answer.json()) as { error: string }).error).toBe('invalid_grant');
    }
    const device = await w.db.device.findUniqueOrThrow({ where: { id: String(enrolled.device) } });
    expect(device.personId).toBe(person.personId);
    // The device proves it holds the key it registered, then pulls its person's bundle.
    const signedIn = await signInTestDevice(w.edge.url, {
      id: String(enrolled.device),
      privateKey: started.key.privateKey,
      accessToken: '',
      trust: undefined as never,
    });
    expect(signedIn.status).toBe(200);
    const { accessToken } = (await signedIn.json()) as { accessToken: string };
    const bundle = await getBundle(w.edge.url, { accessToken });
    expect(bundle.status).toBe(200);
    // Another device's trust of the same org verifies it: the same key-set chain.
    const reference = await enrollTestDevice(w.edge.url, await createTestEnrollmentToken(w));
    const claims = await verifyServedBundle(reference, await bundle.text());
    expect(claims.groups).toEqual(['eng']);
  });
});

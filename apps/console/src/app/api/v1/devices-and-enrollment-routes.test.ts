import { generateKeyPairSync } from 'node:crypto';
import { createApiKey } from '@parapet/accounts';
import { seedOrg } from '@parapet/accounts/testing';
import type { Role } from '@parapet/db';
import { enrollDevice } from '@parapet/distribution';
import { createPerson, savePolicyDraft } from '@parapet/policy-admin';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { setupRouteDatabase } from '@/server/testing/setup-route-database';
import { POST as revokeDevice } from './devices/[id]/revoke/route';
import { GET as getDevice } from './devices/[id]/route';
import { GET as listDevices } from './devices/route';
import { POST as revokeEnrollmentToken } from './enrollment-tokens/[id]/revoke/route';
import {
  POST as createEnrollmentToken,
  GET as listEnrollmentTokens,
} from './enrollment-tokens/route';
import { POST as retireSigningKey } from './signing-keys/[kid]/retire/route';
import { POST as rotateSigningKey } from './signing-keys/rotate/route';
import { GET as listSigningKeys } from './signing-keys/route';

// Enrollment tokens, devices and signing keys as automation calls them: Fetch API requests with
// an API key of each role, against a real database. Devices enroll through the domain function
// the edge's POST /v1/enroll calls.
const db = setupRouteDatabase();
const origin = 'http://localhost:3000';
const edgeUrl = 'https://edge.acme.example';

beforeAll(() => {
  vi.stubEnv('AUTH_URL', origin);
  // With a trailing slash, as people write it: the command is built without one.
  vi.stubEnv('PARAPET_EDGE_URL', `${edgeUrl}/`);
});

async function seeded() {
  const org = await seedOrg({ prisma: db() });
  await savePolicyDraft({
    db: db(),
    actor: org.owner.actor,
    input: { layer: 'group:eng', source: 'network:\n  rules: []\n' },
  });
  await createPerson({
    db: db(),
    actor: org.owner.actor,
    input: { email: 'ada@example.com', groups: ['eng'] },
  });
  const keys = {} as Record<Role, string>;
  for (const role of ['owner', 'admin', 'auditor'] as const) {
    const created = await createApiKey({
      db: db(),
      actor: org.owner.actor,
      input: { name: `${role} automation`, role },
    });
    keys[role] = created.key;
  }
  return { org, keys };
}

type Params = { params: Promise<Record<string, string>> };

function call(key: string, path: string, init: { method?: string; body?: unknown } = {}): Request {
  const headers: Record<string, string> = { authorization: `Bearer ${key}` };
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  return new Request(`${origin}${path}`, {
    method: init.method ?? 'GET',
    headers,
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
}

function params(values: Record<string, string>): Params {
  return { params: Promise.resolve(values) };
}

async function answer(response: Response) {
  const text = await response.text();
  return {
    status: response.status,
    body: (text === '' ? null : JSON.parse(text)) as Record<string, unknown>,
    text,
  };
}

function newDeviceKey() {
  const { x } = generateKeyPairSync('ed25519').publicKey.export({ format: 'jwk' });
  return { kty: 'OKP' as const, crv: 'Ed25519' as const, x: x ?? '' };
}

describe('the enrollment token routes', () => {
  it('create a token with the edge’s address and the command, once; the list never holds it', async () => {
    const { keys } = await seeded();
    const created = await answer(
      await createEnrollmentToken(
        call(keys.admin, '/api/v1/enrollment-tokens', {
          method: 'POST',
          body: { person: 'Ada@Example.com', groups: ['eng'], name: 'Ada’s laptop' },
        }),
      ),
    );
    expect(created.status).toBe(201);
    const token = created.body.token as string;
    expect(token).toMatch(/^pet_[A-Za-z0-9_-]{43}$/);
    expect(created.body).toMatchObject({
      id: expect.any(String),
      name: 'Ada’s laptop',
      person: { email: 'ada@example.com', active: true },
      groups: ['eng'],
      reusable: false,
      uses: 0,
      state: 'active',
      server: edgeUrl,
      command: `parapet-agent enroll --server ${edgeUrl} --token ${token}`,
    });
    // Seven days unless said otherwise.
    const lifetime = Date.parse(created.body.expiresAt as string) - Date.now();
    expect(lifetime).toBeGreaterThan(6.9 * 86_400_000);
    expect(lifetime).toBeLessThanOrEqual(7 * 86_400_000);

    const listed = await answer(
      await listEnrollmentTokens(call(keys.auditor, '/api/v1/enrollment-tokens')),
    );
    expect(listed.status).toBe(200);
    expect(listed.body.enrollmentTokens).toEqual([
      expect.objectContaining({ id: created.body.id, prefix: token.slice(0, 12), state: 'active' }),
    ]);
    expect(listed.text).not.toContain(token);
    expect(listed.text).not.toContain(token.slice(12));
    expect(listed.text).not.toMatch(/"token"|"command"/);
  });

  it('create a one-device token for seven days from a POST without a body', async () => {
    const { keys } = await seeded();
    const created = await answer(
      await createEnrollmentToken(
        call(keys.admin, '/api/v1/enrollment-tokens', { method: 'POST' }),
      ),
    );
    expect(created).toMatchObject({
      status: 201,
      body: { reusable: false, person: null, groups: [], name: null, state: 'active' },
    });
  });

  it('revoke a token: it enrolls nothing more, and a second revocation is a conflict', async () => {
    const { keys } = await seeded();
    const created = await answer(
      await createEnrollmentToken(
        call(keys.owner, '/api/v1/enrollment-tokens', {
          method: 'POST',
          body: { reusable: true, groups: ['eng'] },
        }),
      ),
    );
    const id = created.body.id as string;
    const path = `/api/v1/enrollment-tokens/${id}/revoke`;
    const revoked = await answer(
      await revokeEnrollmentToken(
        call(keys.admin, path, { method: 'POST', body: {} }),
        params({ id }),
      ),
    );
    expect(revoked).toMatchObject({ status: 200, body: { id, state: 'revoked' } });
    expect(revoked.text).not.toContain(created.body.token as string);
    const again = await answer(
      await revokeEnrollmentToken(
        call(keys.admin, path, { method: 'POST', body: {} }),
        params({ id }),
      ),
    );
    expect(again).toMatchObject({ status: 409, body: { error: { code: 'CONFLICT' } } });
    await expect(
      enrollDevice({
        db: db(),
        input: {
          token: created.body.token as string,
          publicKey: newDeviceKey(),
          device: { hostname: 'late', os: 'Linux', agentVersion: '0.1.0' },
        },
      }),
    ).rejects.toMatchObject({ code: 'ENROLLMENT_TOKEN_INVALID' });
  });

  it.each<[string, Record<string, unknown>, string[]]>([
    [
      'malformed fields',
      { person: 'not-an-email', groups: 'eng', reusable: 'maybe', expiresAt: 'tomorrow' },
      ['person', 'groups', 'reusable', 'expiresAt'],
    ],
    ['a person missing from the directory', { person: 'nobody@example.com' }, ['person']],
    ['a group that does not exist', { groups: ['nope'] }, ['groups']],
    ['an expiry in the past', { expiresAt: '2020-01-01T00:00:00Z' }, ['expiresAt']],
    ['an expiry beyond a year', { expiresAt: '2999-01-01T00:00:00Z' }, ['expiresAt']],
    ['a field the API does not have', { token: 'pet_mine' }, ['_form']],
  ])('refuse %s with field errors (400)', async (_case, body, fields) => {
    const { keys } = await seeded();
    const refused = await answer(
      await createEnrollmentToken(
        call(keys.admin, '/api/v1/enrollment-tokens', { method: 'POST', body }),
      ),
    );
    expect(refused.status).toBe(400);
    const error = refused.body.error as { code: string; fieldErrors: Record<string, string[]> };
    expect(error.code).toBe('INVALID_INPUT');
    expect(Object.keys(error.fieldErrors).sort()).toEqual([...fields].sort());
    const listed = await answer(
      await listEnrollmentTokens(call(keys.admin, '/api/v1/enrollment-tokens')),
    );
    expect(listed.body.enrollmentTokens).toEqual([]);
  });

  it('refuse an auditor’s key for creating and revoking, and answer it the list', async () => {
    const { keys } = await seeded();
    const create = await answer(
      await createEnrollmentToken(
        call(keys.auditor, '/api/v1/enrollment-tokens', { method: 'POST', body: {} }),
      ),
    );
    expect(create).toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN' } } });
    const id = '01890a5d-ac96-774b-bcce-b302099a8057';
    const revoke = await answer(
      await revokeEnrollmentToken(
        call(keys.auditor, `/api/v1/enrollment-tokens/${id}/revoke`, { method: 'POST', body: {} }),
        params({ id }),
      ),
    );
    expect(revoke.status).toBe(403);
    const unknown = await answer(
      await revokeEnrollmentToken(
        call(keys.admin, `/api/v1/enrollment-tokens/${id}/revoke`, { method: 'POST', body: {} }),
        params({ id }),
      ),
    );
    expect(unknown.status).toBe(404);
  });
});

describe('the device routes', () => {
  async function enrolled() {
    const world = await seeded();
    const created = await answer(
      await createEnrollmentToken(
        call(world.keys.admin, '/api/v1/enrollment-tokens', {
          method: 'POST',
          body: { person: 'ada@example.com', reusable: true },
        }),
      ),
    );
    const ids: string[] = [];
    for (const hostname of ['ada-mbp', 'build-runner-7']) {
      const device = await enrollDevice({
        db: db(),
        input: {
          token: created.body.token as string,
          publicKey: newDeviceKey(),
          device: { hostname, os: 'macOS 15.4', agentVersion: '0.3.1' },
        },
      });
      ids.push(device.deviceId);
    }
    return { ...world, ids };
  }

  it('list devices with the generation, filter them, read one and revoke it', async () => {
    const { keys, ids } = await enrolled();
    const listed = await answer(await listDevices(call(keys.auditor, '/api/v1/devices')));
    expect(listed.status).toBe(200);
    expect(listed.body).toMatchObject({ generation: expect.any(Number), nextCursor: null });
    const devices = listed.body.devices as Record<string, unknown>[];
    expect(devices.map((device) => device.hostname).sort()).toEqual(['ada-mbp', 'build-runner-7']);
    expect(devices[0]).toMatchObject({
      os: 'macOS 15.4',
      agentVersion: '0.3.1',
      person: { email: 'ada@example.com', active: true },
      groups: ['eng'],
      activeVer: null,
      // Enrolling is its first contact.
      lastSeenAt: expect.any(String),
      // Never reported a generation: not current.
      state: 'stale',
      lastError: null,
      revokedAt: null,
    });

    const searched = await answer(
      await listDevices(call(keys.auditor, '/api/v1/devices?q=runner')),
    );
    expect((searched.body.devices as { hostname: string }[]).map((d) => d.hostname)).toEqual([
      'build-runner-7',
    ]);
    const byPerson = await answer(
      await listDevices(call(keys.auditor, '/api/v1/devices?person=ada@example.com&group=eng')),
    );
    expect(byPerson.body.devices).toHaveLength(2);

    const [id = ''] = ids;
    const read = await answer(
      await getDevice(call(keys.auditor, `/api/v1/devices/${id}`), params({ id })),
    );
    expect(read).toMatchObject({ status: 200, body: { id, hostname: 'ada-mbp', state: 'stale' } });

    const refused = await answer(
      await revokeDevice(
        call(keys.auditor, `/api/v1/devices/${id}/revoke`, { method: 'POST', body: {} }),
        params({ id }),
      ),
    );
    expect(refused.status).toBe(403);
    const revoked = await answer(
      await revokeDevice(
        call(keys.admin, `/api/v1/devices/${id}/revoke`, { method: 'POST', body: {} }),
        params({ id }),
      ),
    );
    expect(revoked).toMatchObject({
      status: 200,
      body: { id, state: 'revoked', revokedAt: expect.any(String) },
    });
    const onlyRevoked = await answer(
      await listDevices(call(keys.auditor, '/api/v1/devices?state=revoked')),
    );
    expect((onlyRevoked.body.devices as { id: string }[]).map((d) => d.id)).toEqual([id]);
  });

  it('page through devices by cursor', async () => {
    const { keys } = await enrolled();
    const first = await answer(await listDevices(call(keys.auditor, '/api/v1/devices?limit=1')));
    expect(first.body.devices).toHaveLength(1);
    const cursor = first.body.nextCursor as string;
    expect(cursor).toEqual(expect.any(String));
    const second = await answer(
      await listDevices(
        call(keys.auditor, `/api/v1/devices?limit=1&cursor=${encodeURIComponent(cursor)}`),
      ),
    );
    expect(second.body.devices).toHaveLength(1);
    expect(second.body.devices).not.toEqual(first.body.devices);
  });

  it.each<[string, string, number]>([
    ['an unknown state', '/api/v1/devices?state=lost', 400],
    ['a limit that is not a number', '/api/v1/devices?limit=lots', 400],
    ['a field the API does not have', '/api/v1/devices?colour=red', 400],
  ])('refuse %s', async (_case, path, status) => {
    const { keys } = await seeded();
    const refused = await answer(await listDevices(call(keys.auditor, path)));
    expect(refused.status).toBe(status);
    expect(refused.body.error).toMatchObject({
      code: 'INVALID_INPUT',
      fieldErrors: expect.any(Object),
    });
  });

  it('answer 400 for a malformed device id and 404 for an unknown one', async () => {
    const { keys } = await seeded();
    const malformed = await getDevice(
      call(keys.auditor, '/api/v1/devices/nope'),
      params({ id: 'nope' }),
    );
    expect(malformed.status).toBe(400);
    const id = '01890a5d-ac96-774b-bcce-b302099a8057';
    const unknown = await getDevice(call(keys.auditor, `/api/v1/devices/${id}`), params({ id }));
    expect(unknown.status).toBe(404);
  });
});

describe('the signing key routes', () => {
  it('rotate, refuse a second rotation, retire the previous key, and list the chain', async () => {
    const { keys } = await seeded();
    const initial = await answer(await listSigningKeys(call(keys.auditor, '/api/v1/signing-keys')));
    expect(initial).toMatchObject({
      status: 200,
      body: { currentKeySetVersion: 1, keys: [{ state: 'active', retiredAt: null }] },
    });
    const firstKid = (initial.body.keys as { kid: string }[])[0]?.kid ?? '';
    expect(initial.text).not.toMatch(/"d":/);

    const byAdmin = await rotateSigningKey(
      call(keys.admin, '/api/v1/signing-keys/rotate', { method: 'POST', body: {} }),
    );
    expect(byAdmin.status).toBe(403);
    // No body at all, as `curl -X POST` sends it.
    const rotated = await answer(
      await rotateSigningKey(call(keys.owner, '/api/v1/signing-keys/rotate', { method: 'POST' })),
    );
    expect(rotated.status).toBe(201);
    expect(rotated.body.currentKeySetVersion).toBe(2);
    expect((rotated.body.keys as { kid: string; state: string }[]).map((key) => key.state)).toEqual(
      ['active', 'retiring'],
    );
    const again = await rotateSigningKey(
      call(keys.owner, '/api/v1/signing-keys/rotate', { method: 'POST', body: {} }),
    );
    expect(again.status).toBe(409);

    const retirePath = `/api/v1/signing-keys/${firstKid}/retire`;
    const retiredByAdmin = await retireSigningKey(
      call(keys.admin, retirePath, { method: 'POST', body: {} }),
      params({ kid: firstKid }),
    );
    expect(retiredByAdmin.status).toBe(403);
    const retired = await answer(
      await retireSigningKey(
        call(keys.owner, retirePath, { method: 'POST', body: {} }),
        params({ kid: firstKid }),
      ),
    );
    expect(retired.status).toBe(200);
    expect(retired.body.currentKeySetVersion).toBe(3);
    expect(retired.body.keys).toContainEqual(
      expect.objectContaining({ kid: firstKid, state: 'retired', retiredAt: expect.any(String) }),
    );
    expect((retired.body.keySets as { version: number; kids: string[] }[])[0]).toMatchObject({
      version: 3,
      kids: [expect.not.stringMatching(firstKid)],
    });
  });

  it('refuse a malformed key id (400), an unknown one (404) and the last key that signs (409)', async () => {
    const { keys } = await seeded();
    const malformed = await retireSigningKey(
      call(keys.owner, '/api/v1/signing-keys/x/retire', { method: 'POST', body: {} }),
      params({ kid: 'x' }),
    );
    expect(malformed.status).toBe(400);
    const unknownKid = 'A'.repeat(43);
    const unknown = await retireSigningKey(
      call(keys.owner, `/api/v1/signing-keys/${unknownKid}/retire`, { method: 'POST', body: {} }),
      params({ kid: unknownKid }),
    );
    expect(unknown.status).toBe(404);
    const listed = await answer(await listSigningKeys(call(keys.owner, '/api/v1/signing-keys')));
    const onlyKid = (listed.body.keys as { kid: string }[])[0]?.kid ?? '';
    const last = await answer(
      await retireSigningKey(
        call(keys.owner, `/api/v1/signing-keys/${onlyKid}/retire`, { method: 'POST', body: {} }),
        params({ kid: onlyKid }),
      ),
    );
    expect(last).toMatchObject({ status: 409, body: { error: { code: 'CONFLICT' } } });
  });
});

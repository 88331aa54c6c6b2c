import { randomBytes, randomUUID } from 'node:crypto';
import { expectAppError } from '@parapet/accounts/testing';
import { configureMasterKey } from '@parapet/db/runtime';
import { TEST_MASTER_KEY } from '@parapet/db/testing';
import { deactivatePerson } from '@parapet/policy-admin';
import { describe, expect, it } from 'vitest';
import {
  enrollTestDevice,
  newDeviceKey,
  seedDistributionOrg,
  setupDistributionDatabase,
} from '../testing/distribution-fixtures';
import { createDeviceAccessToken, verifyDeviceAccessToken } from './device-access-token';
import { exchangeDeviceChallenge } from './exchange-device-challenge';
import { issueDeviceChallenge } from './issue-device-challenge';
import { revokeDevice } from './revoke-device';

const { db } = setupDistributionDatabase();

async function enrolledDevice(token = {}) {
  const org = await seedDistributionOrg(db());
  const device = await enrollTestDevice({ db: db(), org, token });
  return { org, device };
}

describe('issueDeviceChallenge and exchangeDeviceChallenge', () => {
  it('trades a challenge signed by the device for a 15-minute access token', async () => {
    const { org, device } = await enrolledDevice();
    const now = new Date();
    const { challenge, expiresAt } = await issueDeviceChallenge({
      db: db(),
      input: { device: device.deviceId },
      now,
    });
    expect(challenge).toMatch(/^pdc_[A-Za-z0-9_-]{43}$/);
    expect(expiresAt.getTime()).toBe(now.getTime() + 60_000);
    const signature = device.key.signChallenge(challenge);
    const access = await exchangeDeviceChallenge({
      db: db(),
      input: { device: device.deviceId, challenge, signature },
      now,
    });
    expect(access.expiresAt.getTime()).toBe(Math.floor(now.getTime() / 1000) * 1000 + 900_000);
    expect(verifyDeviceAccessToken(access.accessToken, now)).toMatchObject({
      ok: true,
      deviceId: device.deviceId,
      orgId: org.orgId,
    });
  });

  it('takes each challenge once', async () => {
    const { device } = await enrolledDevice();
    const { challenge } = await issueDeviceChallenge({
      db: db(),
      input: { device: device.deviceId },
    });
    const input = {
      device: device.deviceId,
      challenge,
      signature: device.key.signChallenge(challenge),
    };
    const outcomes = await Promise.allSettled([
      exchangeDeviceChallenge({ db: db(), input }),
      exchangeDeviceChallenge({ db: db(), input }),
    ]);
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    await expectAppError(exchangeDeviceChallenge({ db: db(), input }), 'CHALLENGE_INVALID');
  });

  it('refuses an expired challenge, another key’s signature, and another device’s challenge', async () => {
    const { org, device } = await enrolledDevice();
    const other = await enrollTestDevice({ db: db(), org, hostname: 'laptop-2' });
    const issue = async (deviceId: string, now?: Date) =>
      (
        await issueDeviceChallenge({
          db: db(),
          input: { device: deviceId },
          ...(now ? { now } : {}),
        })
      ).challenge;

    const old = await issue(device.deviceId, new Date(Date.now() - 61_000));
    await expectAppError(
      exchangeDeviceChallenge({
        db: db(),
        input: {
          device: device.deviceId,
          challenge: old,
          signature: device.key.signChallenge(old),
        },
      }),
      'CHALLENGE_INVALID',
    );
    const wrongKey = await issue(device.deviceId);
    await expectAppError(
      exchangeDeviceChallenge({
        db: db(),
        input: {
          device: device.deviceId,
          challenge: wrongKey,
          signature: newDeviceKey().signChallenge(wrongKey),
        },
      }),
      'CHALLENGE_INVALID',
    );
    const othersChallenge = await issue(other.deviceId);
    await expectAppError(
      exchangeDeviceChallenge({
        db: db(),
        input: {
          device: device.deviceId,
          challenge: othersChallenge,
          signature: device.key.signChallenge(othersChallenge),
        },
      }),
      'CHALLENGE_INVALID',
    );
  });

  it('answers an unknown device like a known one, and stores nothing for it', async () => {
    const { challenge } = await issueDeviceChallenge({ db: db(), input: { device: randomUUID() } });
    expect(challenge).toMatch(/^pdc_/);
    expect(await db().deviceChallenge.count()).toBe(0);
  });

  it('keeps at most five outstanding challenges per device and drops expired ones', async () => {
    const { device } = await enrolledDevice();
    for (let index = 0; index < 8; index += 1) {
      await issueDeviceChallenge({ db: db(), input: { device: device.deviceId } });
    }
    expect(await db().deviceChallenge.count({ where: { deviceId: device.deviceId } })).toBe(5);
  });

  it('tells the key holder of a revoked device or a deactivated person, after the signature', async () => {
    const { org, device } = await enrolledDevice();
    const person = await enrollTestDevice({
      db: db(),
      org,
      token: { person: org.personEmail },
      hostname: 'laptop-3',
    });
    const exchange = async (enrolled: typeof device) => {
      const { challenge } = await issueDeviceChallenge({
        db: db(),
        input: { device: enrolled.deviceId },
      });
      return exchangeDeviceChallenge({
        db: db(),
        input: {
          device: enrolled.deviceId,
          challenge,
          signature: enrolled.key.signChallenge(challenge),
        },
      });
    };
    await revokeDevice({ db: db(), actor: org.admin.actor, input: { id: device.deviceId } });
    await expectAppError(exchange(device), 'DEVICE_REVOKED');
    const row = await db().person.findFirstOrThrow({ where: { email: org.personEmail } });
    await deactivatePerson({ db: db(), actor: org.admin.actor, input: { personId: row.id } });
    await expectAppError(exchange(person), 'PERSON_DEACTIVATED');
  });
});

describe('device access tokens', () => {
  const deviceId = randomUUID();
  const orgId = randomUUID();

  it('are pdt_<payload>.<mac> with the device, org and expiry, and nothing else', () => {
    const now = new Date('2026-12-03T12:00:00.000Z');
    const { accessToken, expiresAt } = createDeviceAccessToken({ deviceId, orgId, now });
    const [payload] = accessToken.slice(4).split('.');
    expect(JSON.parse(Buffer.from(payload ?? '', 'base64url').toString())).toEqual({
      d: deviceId,
      e: now.getTime() / 1000 + 900,
      o: orgId,
    });
    expect(expiresAt).toEqual(new Date(now.getTime() + 900_000));
  });

  it.each([
    ['a changed payload', (token: string) => token.replace(/^pdt_./, 'pdt_A')],
    [
      'a changed MAC',
      (token: string) => `${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`,
    ],
    ['no MAC', (token: string) => token.split('.')[0] ?? ''],
    ['another prefix', (token: string) => token.replace(/^pdt_/, 'ppk_')],
    ['garbage', () => 'Bearer nonsense'],
  ])('refuse %s as TOKEN_INVALID', (_what, change) => {
    const { accessToken } = createDeviceAccessToken({ deviceId, orgId });
    expect(verifyDeviceAccessToken(change(accessToken))).toMatchObject({
      ok: false,
      code: 'TOKEN_INVALID',
    });
  });

  it('refuse an expired token as TOKEN_EXPIRED, and one made under another master key', () => {
    const now = new Date();
    const { accessToken } = createDeviceAccessToken({ deviceId, orgId, now });
    expect(verifyDeviceAccessToken(accessToken, new Date(now.getTime() + 901_000))).toMatchObject({
      ok: false,
      code: 'TOKEN_EXPIRED',
    });
    configureMasterKey({ key: randomBytes(32) });
    try {
      expect(verifyDeviceAccessToken(accessToken, now)).toMatchObject({ code: 'TOKEN_INVALID' });
    } finally {
      configureMasterKey({ key: TEST_MASTER_KEY });
    }
  });
});

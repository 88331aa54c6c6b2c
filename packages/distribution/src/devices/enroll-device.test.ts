import { expectAppError } from '@parapet/accounts/testing';
import { trustFromEnrollment } from '@parapet/bundle';
import { deactivatePerson } from '@parapet/policy-admin';
import { describe, expect, it } from 'vitest';
import { createEnrollmentToken } from '../enrollment/create-enrollment-token';
import { revokeEnrollmentToken } from '../enrollment/revoke-enrollment-token';
import {
  activityText,
  deviceFacts,
  newDeviceKey,
  seedDistributionOrg,
  setupDistributionDatabase,
} from '../testing/distribution-fixtures';
import { verifyDeviceAccessToken } from './device-access-token';
import { enrollDevice } from './enroll-device';

const { db } = setupDistributionDatabase();
const issuer = 'https://parapet.example.test';

async function tokenFor(org: Awaited<ReturnType<typeof seedDistributionOrg>>, input = {}) {
  return createEnrollmentToken({ db: db(), actor: org.admin.actor, input });
}

function enroll(token: string, key = newDeviceKey(), now?: Date) {
  return enrollDevice({
    db: db(),
    input: { token, publicKey: key.publicKey, device: deviceFacts },
    issuer,
    ...(now ? { now } : {}),
  });
}

describe('enrollDevice', () => {
  it("enrolls a device with the token's person and groups, the key-set chain and an access token", async () => {
    const org = await seedDistributionOrg(db());
    const { token, id } = await tokenFor(org, { person: org.personEmail, groups: ['ops'] });
    const enrolled = await enroll(token);
    expect(enrolled).toMatchObject({ orgId: org.orgId, issuer });
    const device = await db().device.findUniqueOrThrow({
      where: { id: enrolled.deviceId },
      include: { person: true },
    });
    expect(device).toMatchObject({
      orgId: org.orgId,
      groups: ['ops'],
      hostname: 'laptop-1',
      os: 'macOS 15.1',
      agentVersion: '0.1.0',
      enrollmentTokenId: id,
      revokedAt: null,
    });
    expect(device.person?.email).toBe(org.personEmail);
    const trust = await trustFromEnrollment({
      org: org.orgId,
      iss: issuer,
      keySets: enrolled.keySets,
      now: new Date(),
    });
    expect(trust.ok).toBe(true);
    expect(verifyDeviceAccessToken(enrolled.accessToken)).toMatchObject({
      ok: true,
      deviceId: enrolled.deviceId,
      orgId: org.orgId,
    });
    expect(JSON.stringify(enrolled)).not.toContain(token);
    const log = await activityText(db(), org.orgId);
    expect(log).toContain('device.enrolled');
    expect(log).not.toContain(token);
  });

  it('uses a one-time token once: a second enrollment is refused like an unknown token', async () => {
    const org = await seedDistributionOrg(db());
    const { token, id } = await tokenFor(org);
    await enroll(token);
    const error = await expectAppError(enroll(token), 'ENROLLMENT_TOKEN_INVALID');
    const unknown = await expectAppError(
      enroll(`pet_${'A'.repeat(43)}`),
      'ENROLLMENT_TOKEN_INVALID',
    );
    expect(error.message).toBe(unknown.message);
    expect((await db().enrollmentToken.findUniqueOrThrow({ where: { id } })).uses).toBe(1);
  });

  it('gives one answer for unknown, malformed, expired and revoked tokens', async () => {
    const org = await seedDistributionOrg(db());
    const expired = await tokenFor(org);
    const revoked = await tokenFor(org);
    await revokeEnrollmentToken({ db: db(), actor: org.admin.actor, input: { id: revoked.id } });
    const later = new Date(Date.now() + 8 * 24 * 60 * 60 * 1000);
    const messages = new Set<string>();
    for (const attempt of [
      () => enroll('not a token'),
      () => enroll(`pet_${'B'.repeat(43)}`),
      () => enroll(expired.token, newDeviceKey(), later),
      () => enroll(revoked.token),
    ]) {
      messages.add((await expectAppError(attempt(), 'ENROLLMENT_TOKEN_INVALID')).message);
    }
    expect(messages.size).toBe(1);
    expect(await db().device.count()).toBe(0);
  });

  it('counts the uses of a reusable token, for a fleet', async () => {
    const org = await seedDistributionOrg(db());
    const { token, id } = await tokenFor(org, { reusable: true, groups: ['eng'] });
    for (let index = 0; index < 3; index += 1) await enroll(token);
    const row = await db().enrollmentToken.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ uses: 3, lastUsedAt: expect.any(Date) });
    expect(await db().device.count({ where: { orgId: org.orgId, groups: { has: 'eng' } } })).toBe(
      3,
    );
  });

  it('enrolls exactly one device when two race with the same one-time token', async () => {
    const org = await seedDistributionOrg(db());
    const { token } = await tokenFor(org);
    const outcomes = await Promise.allSettled(Array.from({ length: 6 }, () => enroll(token)));
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    for (const outcome of outcomes) {
      if (outcome.status === 'rejected') {
        expect(outcome.reason).toMatchObject({ code: 'ENROLLMENT_TOKEN_INVALID' });
      }
    }
    expect(await db().device.count({ where: { orgId: org.orgId } })).toBe(1);
  });

  it('refuses the same public key twice, without using up the token', async () => {
    const org = await seedDistributionOrg(db());
    const key = newDeviceKey();
    await enroll((await tokenFor(org)).token, key);
    const second = await tokenFor(org);
    await expectAppError(enroll(second.token, key), 'CONFLICT');
    const row = await db().enrollmentToken.findUniqueOrThrow({ where: { id: second.id } });
    expect(row.uses).toBe(0);
    await enroll(second.token);
  });

  it('refuses a token whose person was deactivated since, and leaves it unused', async () => {
    const org = await seedDistributionOrg(db());
    const { token, id } = await tokenFor(org, { person: org.personEmail });
    const person = await db().person.findFirstOrThrow({ where: { email: org.personEmail } });
    await deactivatePerson({ db: db(), actor: org.admin.actor, input: { personId: person.id } });
    await expectAppError(enroll(token), 'ENROLLMENT_TOKEN_INVALID');
    expect((await db().enrollmentToken.findUniqueOrThrow({ where: { id } })).uses).toBe(0);
  });

  it('refuses a private key, a non-Ed25519 key and device facts with control characters', async () => {
    const org = await seedDistributionOrg(db());
    const { token } = await tokenFor(org);
    const key = newDeviceKey();
    const attempts: unknown[] = [
      { token, publicKey: { ...key.publicKey, d: key.publicKey.x }, device: deviceFacts },
      { token, publicKey: { ...key.publicKey, crv: 'X25519' }, device: deviceFacts },
      {
        token,
        publicKey: key.publicKey,
        device: { ...deviceFacts, hostname: 'evil\u202Egpj.exe' },
      },
      { token, publicKey: key.publicKey, device: { ...deviceFacts, extra: 1 } },
    ];
    for (const input of attempts) {
      await expectAppError(
        enrollDevice({ db: db(), input: input as Parameters<typeof enrollDevice>[0]['input'] }),
        'INVALID_INPUT',
      );
    }
    expect(await db().device.count()).toBe(0);
  });
});

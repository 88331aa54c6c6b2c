import { expectAppError } from '@parapet/accounts/testing';
import { describe, expect, it } from 'vitest';
import {
  activityText,
  deviceFacts,
  newDeviceKey,
  seedDistributionOrg,
  setupDistributionDatabase,
} from '../testing/distribution-fixtures';
import { enrollPersonDevice, isDeviceKeyEnrolled } from './enroll-person-device';
import { loadDeviceFacts } from './load-device-facts';

const { db } = setupDistributionDatabase();

describe('enrollPersonDevice', () => {
  it("creates the person's device with no groups of its own, so its facts are the person's groups", async () => {
    const org = await seedDistributionOrg(db());
    const person = await db().person.findFirstOrThrow({ where: { email: org.personEmail } });
    const key = newDeviceKey();
    expect(await isDeviceKeyEnrolled({ db: db(), publicKey: key.publicKey })).toBe(false);
    const { deviceId } = await db().$transaction((tx) =>
      enrollPersonDevice(tx, {
        orgId: org.orgId,
        person: { id: person.id, email: person.email },
        publicKey: key.publicKey,
        device: deviceFacts,
        via: 'device_login',
        now: new Date(),
      }),
    );
    const device = await db().device.findUniqueOrThrow({ where: { id: deviceId } });
    expect(device).toMatchObject({ personId: person.id, groups: [], enrollmentTokenId: null });
    expect(await isDeviceKeyEnrolled({ db: db(), publicKey: key.publicKey })).toBe(true);
    expect((await loadDeviceFacts({ db: db(), deviceId }))?.personId).toBe(person.id);
    expect(await activityText(db(), org.orgId)).toContain('device_login');
  });

  it('refuses a key that is already enrolled (CONFLICT) and creates nothing', async () => {
    const org = await seedDistributionOrg(db());
    const person = await db().person.findFirstOrThrow({ where: { email: org.personEmail } });
    const key = newDeviceKey();
    const enroll = () =>
      db().$transaction((tx) =>
        enrollPersonDevice(tx, {
          orgId: org.orgId,
          person: { id: person.id, email: person.email },
          publicKey: key.publicKey,
          device: deviceFacts,
          via: 'device_login',
          now: new Date(),
        }),
      );
    await enroll();
    await expectAppError(enroll(), 'CONFLICT');
    expect(await db().device.count({ where: { orgId: org.orgId } })).toBe(1);
  });
});

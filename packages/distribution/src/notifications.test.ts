import {
  deactivatePerson,
  deletePolicyGroup,
  publishPolicy,
  updatePerson,
} from '@parapet/policy-admin';
import { afterEach, describe, expect, it } from 'vitest';
import { recordDeviceStatus } from './devices/record-device-status';
import { revokeDevice } from './devices/revoke-device';
import { touchDevicesLastSeen } from './devices/touch-devices-last-seen';
import { loadKeySets } from './keys/load-key-sets';
import { rotateSigningKey } from './keys/rotate-signing-key';
import {
  enrollTestDevice,
  listenToDistribution,
  seedDistributionOrg,
  setupDistributionDatabase,
} from './testing/distribution-fixtures';

// The edges learn of every change that alters what a device should get through Postgres
// (docs/distribution.md, "Change notification"); these tests LISTEN as an edge does.
const { db, url } = setupDistributionDatabase();
const listeners: { close: () => Promise<void> }[] = [];
afterEach(async () => {
  for (const listener of listeners.splice(0)) await listener.close();
});

async function listen() {
  const listener = await listenToDistribution(url());
  listeners.push(listener);
  return listener;
}

describe('parapet_distribution notifications', () => {
  it('a publish bumps the generation and notifies it at commit', async () => {
    const org = await seedDistributionOrg(db());
    const listener = await listen();
    const { bundleVer } = await db().organization.findUniqueOrThrow({ where: { id: org.orgId } });
    await publishPolicy({ db: db(), actor: org.admin.actor, input: { message: 'first' } });
    await listener.waitFor({ kind: 'generation', org: org.orgId });
    const after = await db().organization.findUniqueOrThrow({ where: { id: org.orgId } });
    expect(after.bundleVer).toBe(bundleVer + 1);
    expect(listener.received).toEqual([{ kind: 'generation', org: org.orgId }]);
  });

  it('a revoked device notifies; status reports and last-seen updates do not', async () => {
    const org = await seedDistributionOrg(db());
    const device = await enrollTestDevice({ db: db(), org });
    const listener = await listen();
    await recordDeviceStatus({ db: db(), deviceId: device.deviceId, input: { agentVersion: '2' } });
    await touchDevicesLastSeen({
      db: db(),
      deviceIds: [device.deviceId],
      now: new Date(Date.now() + 1000),
    });
    await revokeDevice({ db: db(), actor: org.admin.actor, input: { id: device.deviceId } });
    await listener.waitFor({ kind: 'device', device: device.deviceId });
    expect(listener.received).toEqual([
      { kind: 'device', org: org.orgId, device: device.deviceId },
    ]);
  });

  it('a person deactivated, or their groups changed, notifies for that person', async () => {
    const org = await seedDistributionOrg(db());
    const person = await db().person.findFirstOrThrow({ where: { email: org.personEmail } });
    const listener = await listen();
    await updatePerson({
      db: db(),
      actor: org.admin.actor,
      input: { personId: person.id, groups: ['eng', 'ops'] },
    });
    await listener.waitFor({ kind: 'person', person: person.id });
    await listener.clear();
    await deletePolicyGroup({ db: db(), actor: org.admin.actor, input: { name: 'ops' } });
    await listener.waitFor({ kind: 'person', person: person.id });
    await listener.clear();
    await deactivatePerson({ db: db(), actor: org.admin.actor, input: { personId: person.id } });
    await listener.waitFor({ kind: 'person', org: org.orgId, person: person.id });
  });

  it('a renamed group notifies for each of its members', async () => {
    const org = await seedDistributionOrg(db());
    const person = await db().person.findFirstOrThrow({ where: { email: org.personEmail } });
    const listener = await listen();
    await db().policyGroup.update({
      where: { orgId_name: { orgId: org.orgId, name: 'eng' } },
      data: { name: 'engineering' },
    });
    await listener.waitFor({ kind: 'person', person: person.id });
  });

  it('a key rotation notifies the new key set and the new generation', async () => {
    const org = await seedDistributionOrg(db());
    await loadKeySets({ db: db(), orgId: org.orgId });
    const listener = await listen();
    await rotateSigningKey({ db: db(), actor: org.owner.actor });
    await listener.waitFor({ kind: 'keys', org: org.orgId });
    await listener.waitFor({ kind: 'generation', org: org.orgId });
  });

  it('refuses to lower the generation', async () => {
    const org = await seedDistributionOrg(db());
    await expect(
      db().organization.update({ where: { id: org.orgId }, data: { bundleVer: 0 } }),
    ).rejects.toThrow();
  });
});

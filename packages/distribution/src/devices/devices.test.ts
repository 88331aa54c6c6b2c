import { expectAppError, snapshotDatabase } from '@parapet/accounts/testing';
import {
  deactivatePerson,
  publishPolicy,
  savePolicyDraft,
  updatePerson,
} from '@parapet/policy-admin';
import { describe, expect, it } from 'vitest';
import {
  activityText,
  enrollTestDevice,
  seedDistributionOrg,
  setupDistributionDatabase,
} from '../testing/distribution-fixtures';
import { getDevice } from './get-device';
import { listDevices } from './list-devices';
import { loadDeviceFacts, loadManyDeviceFacts } from './load-device-facts';
import { recordDeviceStatus } from './record-device-status';
import { revokeDevice } from './revoke-device';
import { touchDevicesLastSeen } from './touch-devices-last-seen';

const { db } = setupDistributionDatabase();

async function publish(org: Awaited<ReturnType<typeof seedDistributionOrg>>) {
  await savePolicyDraft({
    db: db(),
    actor: org.admin.actor,
    input: {
      layer: 'baseline',
      source:
        'network:\n  rules:\n    - id: github\n      action: allow\n      hosts: [github.com]\n',
    },
  });
  return publishPolicy({ db: db(), actor: org.admin.actor, input: { message: 'test' } });
}

async function personId(email: string) {
  return (await db().person.findFirstOrThrow({ where: { email } })).id;
}

describe('loadDeviceFacts', () => {
  it("gives the person's groups and the device's own, narrowed to the published policy's groups", async () => {
    const org = await seedDistributionOrg(db());
    const device = await enrollTestDevice({
      db: db(),
      org,
      token: { person: org.personEmail, groups: ['ops'] },
    });
    // Nothing published: no group applies yet.
    expect(await loadDeviceFacts({ db: db(), deviceId: device.deviceId })).toMatchObject({
      orgId: org.orgId,
      revoked: false,
      personActive: true,
      groups: [],
      policyVersion: 0,
    });
    await publish(org);
    const facts = await loadDeviceFacts({ db: db(), deviceId: device.deviceId });
    expect(facts).toMatchObject({ groups: ['eng', 'ops'], policyVersion: 1 });
    expect(facts?.groupSetKey).toMatch(/^[0-9a-f]{64}$/);

    // A group created after the publish is not in the policy the bundle is built from.
    await db().policyGroup.create({ data: { orgId: org.orgId, name: 'late' } });
    await updatePerson({
      db: db(),
      actor: org.admin.actor,
      input: { personId: await personId(org.personEmail), groups: ['eng', 'late'] },
    });
    expect((await loadDeviceFacts({ db: db(), deviceId: device.deviceId }))?.groups).toEqual([
      'eng',
      'ops',
    ]);
  });

  it('drops the person’s groups and reports them inactive once deactivated; null for no device', async () => {
    const org = await seedDistributionOrg(db());
    await publish(org);
    const device = await enrollTestDevice({ db: db(), org, token: { person: org.personEmail } });
    await deactivatePerson({
      db: db(),
      actor: org.admin.actor,
      input: { personId: await personId(org.personEmail) },
    });
    expect(await loadDeviceFacts({ db: db(), deviceId: device.deviceId })).toMatchObject({
      personActive: false,
      groups: [],
    });
    expect(
      await loadDeviceFacts({ db: db(), deviceId: '00000000-0000-7000-8000-000000000000' }),
    ).toBeNull();
    expect(await loadDeviceFacts({ db: db(), deviceId: 'nonsense' })).toBeNull();
  });

  it('loads many devices in one call, the same facts as one by one', async () => {
    const org = await seedDistributionOrg(db());
    await publish(org);
    const first = await enrollTestDevice({ db: db(), org, token: { person: org.personEmail } });
    const second = await enrollTestDevice({ db: db(), org, token: { groups: ['ops'] } });
    const many = await loadManyDeviceFacts({
      db: db(),
      deviceIds: [first.deviceId, second.deviceId, first.deviceId, 'junk', org.orgId],
    });
    expect([...many.keys()].sort()).toEqual([first.deviceId, second.deviceId].sort());
    for (const id of [first.deviceId, second.deviceId]) {
      expect(many.get(id)).toEqual(await loadDeviceFacts({ db: db(), deviceId: id }));
    }
    expect(many.get(second.deviceId)?.groups).toEqual(['ops']);
  });
});

describe('recordDeviceStatus and touchDevicesLastSeen', () => {
  it('stores each report over the last, an error only while reported', async () => {
    const org = await seedDistributionOrg(db());
    const device = await enrollTestDevice({ db: db(), org });
    const now = new Date();
    const lastError = { code: 'signature_invalid', message: 'bad', at: now.toISOString() };
    await recordDeviceStatus({
      db: db(),
      deviceId: device.deviceId,
      input: {
        agentVersion: '0.2.0',
        activeVer: 1,
        activeEtag: '"abc"',
        lastError,
        droppedEvents: 7,
      },
      now,
    });
    expect(await db().device.findUniqueOrThrow({ where: { id: device.deviceId } })).toMatchObject({
      agentVersion: '0.2.0',
      activeVer: 1,
      activeEtag: '"abc"',
      lastError,
      lastErrorAt: now,
      droppedEvents: 7n,
      statusAt: now,
      lastSeenAt: now,
    });
    await recordDeviceStatus({
      db: db(),
      deviceId: device.deviceId,
      input: { agentVersion: '0.2.0' },
    });
    expect(await db().device.findUniqueOrThrow({ where: { id: device.deviceId } })).toMatchObject({
      activeVer: 1,
      lastError: null,
      lastErrorAt: null,
      droppedEvents: 7n,
    });
    await expectAppError(
      recordDeviceStatus({
        db: db(),
        deviceId: device.deviceId,
        input: { agentVersion: '0.2.0', activeVer: -1 },
      }),
      'INVALID_INPUT',
    );
    await expectAppError(
      recordDeviceStatus({
        db: db(),
        deviceId: '00000000-0000-7000-8000-000000000000',
        input: { agentVersion: '1' },
      }),
      'NOT_FOUND',
    );
    await expectAppError(
      recordDeviceStatus({ db: db(), deviceId: 'junk', input: { agentVersion: '1' } }),
      'NOT_FOUND',
    );
  });

  it('moves last-seen forward for a batch in one call, never back', async () => {
    const org = await seedDistributionOrg(db());
    const first = await enrollTestDevice({ db: db(), org });
    const second = await enrollTestDevice({ db: db(), org, hostname: 'laptop-2' });
    const later = new Date(Date.now() + 60_000);
    expect(
      await touchDevicesLastSeen({
        db: db(),
        deviceIds: [first.deviceId, second.deviceId, first.deviceId, 'junk'],
        now: later,
      }),
    ).toBe(2);
    expect(
      await touchDevicesLastSeen({ db: db(), deviceIds: [first.deviceId], now: new Date(0) }),
    ).toBe(0);
    const row = await db().device.findUniqueOrThrow({ where: { id: first.deviceId } });
    expect(row.lastSeenAt).toEqual(later);
  });
});

describe('listDevices, getDevice and revokeDevice', () => {
  it('names each device’s state against the generation, and filters by state', async () => {
    const org = await seedDistributionOrg(db());
    const current = await enrollTestDevice({ db: db(), org, hostname: 'current-1' });
    const stale = await enrollTestDevice({ db: db(), org, hostname: 'stale-1' });
    const failing = await enrollTestDevice({ db: db(), org, hostname: 'failing-1' });
    const revoked = await enrollTestDevice({ db: db(), org, hostname: 'revoked-1' });
    const { bundleVer } = await db().organization.findUniqueOrThrow({ where: { id: org.orgId } });
    await recordDeviceStatus({
      db: db(),
      deviceId: current.deviceId,
      input: { agentVersion: '1', activeVer: bundleVer },
    });
    await recordDeviceStatus({
      db: db(),
      deviceId: failing.deviceId,
      input: {
        agentVersion: '1',
        activeVer: bundleVer,
        lastError: { code: 'expired', message: 'x', at: new Date().toISOString() },
      },
    });
    await revokeDevice({ db: db(), actor: org.admin.actor, input: { id: revoked.deviceId } });

    const page = await listDevices({ db: db(), actor: org.auditor.actor });
    expect(page.generation).toBe(bundleVer);
    expect(page.devices.map((device) => [device.hostname, device.state])).toEqual([
      ['revoked-1', 'revoked'],
      ['failing-1', 'failing'],
      ['stale-1', 'stale'],
      ['current-1', 'current'],
    ]);
    for (const [state, id] of [
      ['current', current.deviceId],
      ['stale', stale.deviceId],
      ['failing', failing.deviceId],
      ['revoked', revoked.deviceId],
    ] as const) {
      const filtered = await listDevices({ db: db(), actor: org.auditor.actor, input: { state } });
      expect(filtered.devices.map((device) => device.id)).toEqual([id]);
    }
  });

  it('searches hostname and person email, filters by person and group, and pages', async () => {
    const org = await seedDistributionOrg(db());
    await enrollTestDevice({
      db: db(),
      org,
      token: { person: org.personEmail },
      hostname: 'alpha',
    });
    await enrollTestDevice({ db: db(), org, token: { groups: ['ops'] }, hostname: 'beta_1' });
    await enrollTestDevice({ db: db(), org, hostname: 'betax1' });
    const list = (input: Parameters<typeof listDevices>[0]['input']) =>
      listDevices({ db: db(), actor: org.auditor.actor, input }).then((page) =>
        page.devices.map((device) => device.hostname),
      );
    expect(await list({ q: 'ALP' })).toEqual(['alpha']);
    expect(await list({ q: org.personEmail.slice(0, 10) })).toEqual(['alpha']);
    expect(await list({ q: 'beta_' })).toEqual(['beta_1']);
    expect(await list({ person: org.personEmail })).toEqual(['alpha']);
    expect(await list({ group: 'eng' })).toEqual(['alpha']);
    expect(await list({ group: 'ops' })).toEqual(['beta_1']);
    const first = await listDevices({ db: db(), actor: org.auditor.actor, input: { limit: '2' } });
    expect(first.devices).toHaveLength(2);
    const rest = await listDevices({
      db: db(),
      actor: org.auditor.actor,
      input: { limit: 2, cursor: first.nextCursor ?? '' },
    });
    expect(rest.devices.map((device) => device.hostname)).toEqual(['alpha']);
    expect(rest.nextCursor).toBeNull();
    await expectAppError(
      listDevices({ db: db(), actor: org.auditor.actor, input: { state: 'broken' } }),
      'INVALID_INPUT',
    );
  });

  it('keeps organizations apart', async () => {
    const org = await seedDistributionOrg(db());
    const other = await seedDistributionOrg(db());
    const device = await enrollTestDevice({ db: db(), org });
    expect((await listDevices({ db: db(), actor: other.auditor.actor })).devices).toEqual([]);
    await expectAppError(
      getDevice({ db: db(), actor: other.auditor.actor, input: { id: device.deviceId } }),
      'NOT_FOUND',
    );
    await expectAppError(
      revokeDevice({ db: db(), actor: other.admin.actor, input: { id: device.deviceId } }),
      'NOT_FOUND',
    );
    expect(
      (await getDevice({ db: db(), actor: org.auditor.actor, input: { id: device.deviceId } }))
        .state,
    ).toBe('stale');
  });

  it('revokes for admins with an activity entry, once; auditors change nothing', async () => {
    const org = await seedDistributionOrg(db());
    const device = await enrollTestDevice({ db: db(), org, token: { person: org.personEmail } });
    const before = await snapshotDatabase(db());
    await expectAppError(
      revokeDevice({ db: db(), actor: org.auditor.actor, input: { id: device.deviceId } }),
      'FORBIDDEN',
    );
    expect(await snapshotDatabase(db())).toBe(before);
    const revoked = await revokeDevice({
      db: db(),
      actor: org.admin.actor,
      input: { id: device.deviceId },
    });
    expect(revoked).toMatchObject({
      state: 'revoked',
      person: { email: org.personEmail, active: true },
      groups: ['eng'],
    });
    const row = await db().device.findUniqueOrThrow({ where: { id: device.deviceId } });
    expect(row.revokedByUserId).toBe(org.admin.actor.userId);
    expect(await activityText(db(), org.orgId)).toContain('device.revoked');
    await expectAppError(
      revokeDevice({ db: db(), actor: org.admin.actor, input: { id: device.deviceId } }),
      'CONFLICT',
    );
  });

  it('returns no secret: no public-key material beyond the row, no token', async () => {
    const org = await seedDistributionOrg(db());
    const device = await enrollTestDevice({ db: db(), org });
    const text = JSON.stringify(
      await listDevices({ db: db(), actor: org.auditor.actor }),
      (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value),
    );
    expect(text).not.toContain(device.enrollmentToken.token);
    expect(text).not.toContain(device.accessToken);
  });
});

import { expectAppError, seedOrg, setupTestDatabase } from '@parapet/accounts/testing';
import { describe, expect, it } from 'vitest';
import { codeEntryPolicy } from './code-entry-throttle';
import { decideDeviceLogin } from './decide-device-login';
import { hashDeviceLoginCode, userCodeAlphabet } from './device-codes';
import { lookUpDeviceLogin } from './look-up-device-login';
import { pollDeviceAuthorization } from './poll-device-authorization';
import { startDeviceAuthorization } from './start-device-authorization';
import { newDeviceLoginKey, seedSsoPersonSession, testDeviceFacts } from './testing';

const db = setupTestDatabase();
const grant = 'urn:ietf:params:oauth:grant-type:device_code' as const;
const t0 = new Date('2026-06-01T10:00:00Z');
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);

async function start(now = t0) {
  return startDeviceAuthorization({
    db: db(),
    input: { publicKey: newDeviceLoginKey().publicKey, device: testDeviceFacts },
    now,
  });
}

const poll = (deviceCode: string, now: Date) =>
  pollDeviceAuthorization({ db: db(), input: { grant_type: grant, device_code: deviceCode }, now });

describe('device authorization (RFC 8628) as stored', () => {
  it('issues a XXXX-XXXX code from the unambiguous alphabet and stores only hashes', async () => {
    const started = await start();
    expect(started.userCode).toMatch(
      new RegExp(`^[${userCodeAlphabet}]{4}-[${userCodeAlphabet}]{4}$`),
    );
    expect(started).toMatchObject({ expiresInSeconds: 600, intervalSeconds: 5 });
    const row = await db().deviceAuthorization.findFirstOrThrow();
    expect(row.deviceCodeHash).toBe(hashDeviceLoginCode(started.deviceCode));
    expect(row.userCodeHash).toBe(hashDeviceLoginCode(started.userCode.replace('-', '')));
    expect(JSON.stringify(row)).not.toContain(started.deviceCode);
    expect(row.expiresAt).toEqual(at(600));
  });

  it('answers pending, slow_down (+5 s) for a poll within the interval, then expired_token', async () => {
    const { deviceCode } = await start();
    expect(await poll(deviceCode, at(0))).toEqual({ outcome: 'authorization_pending' });
    expect(await poll(deviceCode, at(4))).toEqual({ outcome: 'slow_down', intervalSeconds: 10 });
    expect(await poll(deviceCode, at(9))).toEqual({ outcome: 'slow_down', intervalSeconds: 15 });
    expect(await poll(deviceCode, at(24))).toEqual({ outcome: 'authorization_pending' });
    expect(await poll(deviceCode, at(600))).toEqual({ outcome: 'expired_token' });
    expect((await poll('no-such-code', at(1))).outcome).toBe('invalid_grant');
  });

  it('enrolls the approving person’s device exactly once under concurrent polls, and logs it', async () => {
    const org = await seedOrg({ prisma: db() });
    const person = await seedSsoPersonSession({ prisma: db(), orgId: org.orgId, groups: ['eng'] });
    const { deviceCode, userCode } = await start();
    const view = await lookUpDeviceLogin({
      db: db(),
      sessionToken: person.sessionToken,
      input: { userCode: userCode.toLowerCase() },
      now: at(10),
    });
    expect(view).toMatchObject({ userCode, ...testDeviceFacts, person: { email: person.email } });
    const decided = await decideDeviceLogin({
      db: db(),
      sessionToken: person.sessionToken,
      input: { userCode, decision: 'approve' },
      ip: '198.51.100.7',
      now: at(20),
    });
    expect(decided).toEqual({ decision: 'approve', hostname: testDeviceFacts.hostname });
    const polls = await Promise.all(Array.from({ length: 6 }, () => poll(deviceCode, at(30))));
    const enrolled = polls.filter((answer) => answer.outcome === 'enrolled');
    expect(enrolled).toHaveLength(1);
    expect(polls.filter((answer) => answer.outcome === 'invalid_grant')).toHaveLength(5);
    const devices = await db().device.findMany({ where: { orgId: org.orgId } });
    expect(devices).toHaveLength(1);
    expect(devices[0]).toMatchObject({ personId: person.personId, groups: [] });
    expect(enrolled[0]).toMatchObject({ deviceId: devices[0]?.id, orgId: org.orgId });
    const actions = (
      await db().activityLogEntry.findMany({ where: { orgId: org.orgId }, orderBy: { seq: 'asc' } })
    ).map((entry) => entry.action);
    expect(actions).toEqual(['device_login.approved', 'device.enrolled']);
    // Decided once: the code cannot be approved again.
    await expectAppError(
      decideDeviceLogin({
        db: db(),
        sessionToken: person.sessionToken,
        input: { userCode, decision: 'approve' },
        now: at(40),
      }),
      'CONFLICT',
    );
  });

  it('ends with access_denied when denied, or when the approver is deactivated before the poll', async () => {
    const org = await seedOrg({ prisma: db() });
    const person = await seedSsoPersonSession({ prisma: db(), orgId: org.orgId });
    const denied = await start();
    await decideDeviceLogin({
      db: db(),
      sessionToken: person.sessionToken,
      input: { userCode: denied.userCode, decision: 'deny' },
      now: at(5),
    });
    expect((await poll(denied.deviceCode, at(10))).outcome).toBe('access_denied');
    const approved = await start();
    await decideDeviceLogin({
      db: db(),
      sessionToken: person.sessionToken,
      input: { userCode: approved.userCode, decision: 'approve' },
      now: at(5),
    });
    await db().person.update({ where: { id: person.personId ?? '' }, data: { active: false } });
    expect(await poll(approved.deviceCode, at(10))).toMatchObject({ outcome: 'access_denied' });
    expect(await db().device.count()).toBe(0);
  });

  it('refuses the page without an SSO session, a person record, an active person, or a live code', async () => {
    const org = await seedOrg({ prisma: db() });
    const { userCode } = await start();
    const look = (sessionToken: string | undefined, code = userCode, now = at(1)) =>
      lookUpDeviceLogin({ db: db(), sessionToken, input: { userCode: code }, now });
    await expectAppError(look(undefined), 'UNAUTHENTICATED');
    const password = await seedSsoPersonSession({ prisma: db(), orgId: org.orgId, sso: false });
    await expectAppError(look(password.sessionToken), 'UNAUTHENTICATED');
    const stranger = await seedSsoPersonSession({ prisma: db(), orgId: org.orgId, person: false });
    expect((await expectAppError(look(stranger.sessionToken), 'FORBIDDEN')).message).toContain(
      'not one of the people',
    );
    const gone = await seedSsoPersonSession({ prisma: db(), orgId: org.orgId, active: false });
    expect((await expectAppError(look(gone.sessionToken), 'FORBIDDEN')).message).toContain(
      'deactivated',
    );
    const person = await seedSsoPersonSession({ prisma: db(), orgId: org.orgId });
    await expectAppError(look(person.sessionToken, 'BCDF-GHJK'), 'NOT_FOUND');
    expect(
      (await expectAppError(look(person.sessionToken, userCode, at(600)), 'CONFLICT')).message,
    ).toContain('expired');
  });

  it(`locks code entry after ${codeEntryPolicy.maxFailures} wrong codes, even for the right one`, async () => {
    const org = await seedOrg({ prisma: db() });
    const person = await seedSsoPersonSession({ prisma: db(), orgId: org.orgId });
    const { userCode } = await start();
    const look = (code: string) =>
      lookUpDeviceLogin({
        db: db(),
        sessionToken: person.sessionToken,
        input: { userCode: code },
        ip: '203.0.113.9',
        now: at(1),
      });
    for (let guess = 0; guess < codeEntryPolicy.maxFailures; guess += 1) {
      await expectAppError(look(guess % 2 === 0 ? 'BCDF-GHJK' : 'not a code'), 'NOT_FOUND');
    }
    const locked = await expectAppError(look(userCode), 'SIGN_IN_LOCKED');
    expect(locked.message).toContain('Too many wrong codes');
    // Another session from the same address is locked too.
    const other = await seedSsoPersonSession({ prisma: db(), orgId: org.orgId });
    await expectAppError(
      lookUpDeviceLogin({
        db: db(),
        sessionToken: other.sessionToken,
        input: { userCode },
        ip: '203.0.113.9',
        now: at(2),
      }),
      'SIGN_IN_LOCKED',
    );
  });
});

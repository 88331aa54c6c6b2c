import { authenticateApiKey } from '@parapet/accounts';
import { setupTestDatabase } from '@parapet/accounts/testing';
import { describe, expect, it } from 'vitest';
import { applyHeadlessSetup } from './apply-headless-setup';

const db = setupTestDatabase();
const env = {
  PARAPET_SETUP_ORG_NAME: 'Headless Inc',
  PARAPET_SETUP_OWNER_EMAIL: 'Root@Example.com',
  PARAPET_SETUP_OWNER_PASSWORD: 'a long enough password',
};

describe('applyHeadlessSetup', () => {
  it('does nothing when no variable is set', async () => {
    expect(await applyHeadlessSetup({ db: db(), env: {} })).toEqual({ status: 'not-requested' });
    expect(await db().organization.count()).toBe(0);
  });

  it('creates the organization and owner once, then leaves an installed system alone', async () => {
    const created = await applyHeadlessSetup({ db: db(), env });
    expect(created).toMatchObject({ status: 'created', email: 'root@example.com' });
    expect(
      await applyHeadlessSetup({
        db: db(),
        env: { ...env, PARAPET_SETUP_OWNER_EMAIL: 'other@example.com' },
      }),
    ).toEqual({
      status: 'already-set-up',
    });
    expect(await db().user.count()).toBe(1);
    const activity = await db().activityLogEntry.findMany();
    expect(activity.map((entry) => entry.action)).toEqual(['setup']);
    // The organization's trust root is made with it: key set 1, signed by its one key.
    expect(await db().keySet.findMany({ select: { version: true } })).toEqual([{ version: 1 }]);
    expect(await db().signingKey.count({ where: { state: 'active' } })).toBe(1);
  });

  it.each([
    ['a malformed email', { PARAPET_SETUP_OWNER_EMAIL: 'root' }, /PARAPET_SETUP_OWNER_EMAIL/],
    ['a short password', { PARAPET_SETUP_OWNER_PASSWORD: 'short' }, /PARAPET_SETUP_OWNER_PASSWORD/],
    [
      'a missing organization name',
      { PARAPET_SETUP_ORG_NAME: undefined },
      /PARAPET_SETUP_ORG_NAME/,
    ],
  ])(
    'stops start-up on %s, naming the variable, and creates nothing',
    async (_name, change, message) => {
      await expect(applyHeadlessSetup({ db: db(), env: { ...env, ...change } })).rejects.toThrow(
        message,
      );
      expect(await db().organization.count()).toBe(0);
    },
  );

  it('creates an owner API key of the given value in the same setup, recorded', async () => {
    const key = `ppk_${'a1'.repeat(16)}`;
    const created = await applyHeadlessSetup({
      db: db(),
      env: { ...env, PARAPET_SETUP_API_KEY: key },
    });
    expect(created).toMatchObject({ status: 'created', apiKeyCreated: true });
    expect(await authenticateApiKey({ db: db(), key })).toMatchObject({
      email: 'root@example.com',
      role: 'owner',
      apiKey: { name: 'Headless setup' },
    });
    const activity = await db().activityLogEntry.findMany({ orderBy: { seq: 'asc' } });
    expect(activity.map((entry) => entry.action)).toEqual(['setup', 'api_key_created']);
    expect(JSON.stringify(activity)).not.toContain(key.slice(12));
  });

  it.each([
    ['too short', `ppk_${'a'.repeat(31)}`],
    ['without the prefix', 'a'.repeat(40)],
    ['with a space', `ppk_${'a'.repeat(20)} ${'a'.repeat(20)}`],
  ])(
    'stops start-up on an API key %s, naming the variable but not the value',
    async (_name, key) => {
      const failure = applyHeadlessSetup({ db: db(), env: { ...env, PARAPET_SETUP_API_KEY: key } });
      await expect(failure).rejects.toThrow(/PARAPET_SETUP_API_KEY/);
      await expect(failure).rejects.not.toThrow(key);
      expect(await db().organization.count()).toBe(0);
    },
  );

  it('ignores an API key once an owner exists, like the other values', async () => {
    await applyHeadlessSetup({ db: db(), env });
    const again = await applyHeadlessSetup({
      db: db(),
      env: { ...env, PARAPET_SETUP_API_KEY: `ppk_${'b'.repeat(40)}` },
    });
    expect(again).toEqual({ status: 'already-set-up' });
    expect(await db().apiKey.count()).toBe(0);
  });
});

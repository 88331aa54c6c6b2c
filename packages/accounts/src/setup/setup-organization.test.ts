import { describe, expect, it } from 'vitest';
import { expectAppError } from '../testing/expect-app-error';
import { setupTestDatabase } from '../testing/setup-test-database';
import { snapshotDatabase } from '../testing/snapshot-database';
import { isSetupComplete } from './is-setup-complete';
import { setupOrganization } from './setup-organization';

const db = setupTestDatabase();

const validInput = {
  organizationName: 'Acme Security',
  name: 'Ada Owner',
  email: 'Ada@Example.com',
  password: 'correct horse battery staple',
};

describe('setupOrganization', () => {
  it('creates the organization, its owner and a setup activity row', async () => {
    expect(await isSetupComplete({ db: db() })).toBe(false);
    const result = await setupOrganization({ db: db(), input: validInput, ip: '10.0.0.1' });

    const org = await db().organization.findUniqueOrThrow({ where: { id: result.orgId } });
    expect(org.name).toBe('Acme Security');
    const user = await db().user.findUniqueOrThrow({ where: { id: result.userId } });
    expect(user.email).toBe('ada@example.com');
    expect(user.name).toBe('Ada Owner');
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    const membership = await db().membership.findFirstOrThrow({ where: { userId: user.id } });
    expect(membership).toMatchObject({ orgId: org.id, role: 'owner' });
    const activity = await db().activityLogEntry.findMany({ where: { orgId: org.id } });
    expect(activity).toHaveLength(1);
    expect(activity[0]).toMatchObject({
      action: 'setup',
      actorUserId: user.id,
      actorEmail: 'ada@example.com',
      ip: '10.0.0.1',
    });
    expect(await isSetupComplete({ db: db() })).toBe(true);
  });

  it('refuses a second setup and changes nothing', async () => {
    await setupOrganization({ db: db(), input: validInput });
    const before = await snapshotDatabase(db());
    const error = await expectAppError(
      setupOrganization({
        db: db(),
        input: { ...validInput, organizationName: 'Second', email: 'eve@example.com' },
      }),
      'SETUP_COMPLETE',
    );
    expect(error.message).toMatch(/already set up/);
    expect(await snapshotDatabase(db())).toBe(before);
  });

  it('lets exactly one of two concurrent setups win', async () => {
    const results = await Promise.allSettled([
      setupOrganization({ db: db(), input: { ...validInput, email: 'one@example.com' } }),
      setupOrganization({ db: db(), input: { ...validInput, email: 'two@example.com' } }),
    ]);
    const fulfilled = results.filter((result) => result.status === 'fulfilled');
    const rejected = results.filter((result) => result.status === 'rejected');
    expect(fulfilled).toHaveLength(1);
    expect(rejected).toHaveLength(1);
    expect((rejected[0] as PromiseRejectedResult).reason).toMatchObject({ code: 'SETUP_COMPLETE' });
    expect(await db().organization.count()).toBe(1);
    expect(await db().membership.count({ where: { role: 'owner' } })).toBe(1);
  });

  it.each([
    ['an empty organization name', { organizationName: '' }, 'organizationName'],
    ['an oversized organization name', { organizationName: 'x'.repeat(121) }, 'organizationName'],
    ['an oversized name', { name: 'x'.repeat(121) }, 'name'],
    ['an empty email', { email: '' }, 'email'],
    ['a malformed email', { email: 'ada.example.com' }, 'email'],
    ['a short password', { password: 'short' }, 'password'],
    ['an oversized password', { password: 'x'.repeat(201) }, 'password'],
    [
      'a NUL character in the organization name',
      { organizationName: 'Acme\u0000' },
      'organizationName',
    ],
    ['a NUL character in the name', { name: 'Ada\u0000' }, 'name'],
    [
      'an unpaired surrogate in the organization name',
      { organizationName: 'Acme\uD800' },
      'organizationName',
    ],
    ['an extra field', { role: 'owner' }, '_form'],
  ])('refuses %s with a field error and changes nothing', async (_name, change, field) => {
    const before = await snapshotDatabase(db());
    const error = await expectAppError(
      setupOrganization({ db: db(), input: { ...validInput, ...change } }),
      'INVALID_INPUT',
    );
    expect(error.fieldErrors?.[field]?.length).toBeGreaterThan(0);
    expect(await snapshotDatabase(db())).toBe(before);
  });
});

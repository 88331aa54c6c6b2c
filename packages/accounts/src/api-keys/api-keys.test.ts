import { describe, expect, it } from 'vitest';
import { expectAppError } from '../testing/expect-app-error';
import { seedOrg } from '../testing/seed-member';
import { setupTestDatabase } from '../testing/setup-test-database';
import { snapshotDatabase } from '../testing/snapshot-database';
import { describeApiKey } from './api-key-format';
import { authenticateApiKey } from './authenticate-api-key';
import { createApiKey } from './create-api-key';
import { listApiKeys } from './list-api-keys';
import { revokeApiKey } from './revoke-api-key';

const db = setupTestDatabase();
const now = new Date('2030-06-01T12:00:00Z');

describe('createApiKey', () => {
  it('shows the key once and stores only its hash and prefix, with an activity entry', async () => {
    const org = await seedOrg({ prisma: db() });
    const created = await createApiKey({
      db: db(),
      actor: org.owner.actor,
      input: { name: 'CI policy sync', role: 'admin', expiresAt: '2030-12-31' },
      ip: '192.0.2.1',
      now,
    });
    expect(created.key).toMatch(/^ppk_[A-Za-z0-9_-]{43}$/);
    const stored = await db().apiKey.findUniqueOrThrow({ where: { id: created.id } });
    expect(stored).toMatchObject({
      name: 'CI policy sync',
      role: 'admin',
      prefix: created.key.slice(0, 12),
      keyHash: describeApiKey(created.key).keyHash,
      createdById: org.owner.user.id,
      createdByEmail: org.owner.user.email,
      expiresAt: new Date('2030-12-31T23:59:59.999Z'),
    });
    expect(JSON.stringify(stored)).not.toContain(created.key.slice(12));
    const entry = await db().activityLogEntry.findFirstOrThrow({
      where: { orgId: org.orgId, action: 'api_key_created' },
    });
    expect(entry).toMatchObject({
      actorEmail: org.owner.user.email,
      target: 'CI policy sync',
      details: { keyId: created.id, role: 'admin', prefix: stored.prefix },
      ip: '192.0.2.1',
    });
    expect(JSON.stringify(entry)).not.toContain(created.key.slice(12));
  });

  it.each([
    ['an admin', 'admin', { name: 'k', role: 'auditor' }, 'FORBIDDEN'],
    ['an auditor', 'auditor', { name: 'k', role: 'auditor' }, 'FORBIDDEN'],
    [
      'a past expiry',
      'owner',
      { name: 'k', role: 'auditor', expiresAt: '2030-05-01' },
      'INVALID_INPUT',
    ],
    [
      'an expiry of now',
      'owner',
      { name: 'k', role: 'auditor', expiresAt: now.toISOString() },
      'INVALID_INPUT',
    ],
    [
      'a date that is not one',
      'owner',
      { name: 'k', role: 'auditor', expiresAt: 'soon' },
      'INVALID_INPUT',
    ],
    ['an unknown role', 'owner', { name: 'k', role: 'root' }, 'INVALID_INPUT'],
    [
      'a name with a direction control',
      'owner',
      { name: 'Eve\u202Enimda', role: 'admin' },
      'INVALID_INPUT',
    ],
    ['an empty name', 'owner', { name: '  ', role: 'admin' }, 'INVALID_INPUT'],
  ] as const)('refuses %s, changing nothing', async (_case, role, input, code) => {
    const org = await seedOrg({ prisma: db() });
    const before = await snapshotDatabase(db());
    await expectAppError(
      createApiKey({ db: db(), actor: org[role].actor, input: input as never, now }),
      code,
    );
    expect(await snapshotDatabase(db())).toBe(before);
  });

  it('gives no key a role above its creator’s (an owner key demoted acts as its creator)', async () => {
    const org = await seedOrg({ prisma: db() });
    const actor = { ...org.owner.actor, role: 'admin' as const };
    await expectAppError(
      createApiKey({ db: db(), actor, input: { name: 'k', role: 'owner' } }),
      'FORBIDDEN',
    );
  });
});

describe('authenticateApiKey', () => {
  async function keyOf(role: 'owner' | 'admin' | 'auditor' = 'admin') {
    const org = await seedOrg({ prisma: db() });
    const created = await createApiKey({
      db: db(),
      actor: org.owner.actor,
      input: { name: 'Bot', role, expiresAt: '2030-07-01T00:00:00Z' },
      now,
    });
    return { org, ...created };
  }

  it('acts with the key’s role, in its creator’s name, naming the key', async () => {
    const { org, id, key } = await keyOf('auditor');
    expect(await authenticateApiKey({ db: db(), key, now })).toEqual({
      userId: org.owner.user.id,
      email: org.owner.user.email,
      orgId: org.orgId,
      role: 'auditor',
      apiKey: { id, name: 'Bot' },
    });
  });

  it('notes the last use at most once a minute', async () => {
    const { id, key } = await keyOf();
    const lastUsed = async () =>
      (await db().apiKey.findUniqueOrThrow({ where: { id } })).lastUsedAt;
    await authenticateApiKey({ db: db(), key, now });
    expect(await lastUsed()).toEqual(now);
    await authenticateApiKey({ db: db(), key, now: new Date(now.getTime() + 59_000) });
    expect(await lastUsed()).toEqual(now);
    const later = new Date(now.getTime() + 60_000);
    await authenticateApiKey({ db: db(), key, now: later });
    expect(await lastUsed()).toEqual(later);
  });

  it.each([
    ['an empty string', ''],
    ['no prefix', 'x'.repeat(47)],
    ['a short key', 'ppk_abc'],
    ['an unknown key', `ppk_${'A'.repeat(43)}`],
    ['a key with a space', `ppk_${'A'.repeat(20)} ${'A'.repeat(22)}`],
  ])('refuses %s', async (_case, key) => {
    await keyOf();
    await expectAppError(authenticateApiKey({ db: db(), key, now }), 'UNAUTHENTICATED');
  });

  it('refuses a revoked key, an expired key and a key whose creator left', async () => {
    const { org, id, key } = await keyOf();
    await expectAppError(
      authenticateApiKey({ db: db(), key, now: new Date('2030-07-01T00:00:00Z') }),
      'UNAUTHENTICATED',
    );
    await revokeApiKey({ db: db(), actor: org.owner.actor, input: { id }, now });
    await expectAppError(authenticateApiKey({ db: db(), key, now }), 'UNAUTHENTICATED');
    const second = await keyOf();
    await db().membership.delete({ where: { id: second.org.owner.membership.id } });
    await expectAppError(authenticateApiKey({ db: db(), key: second.key, now }), 'UNAUTHENTICATED');
  });

  it('acts no higher than the creator’s current role', async () => {
    const { org, key } = await keyOf('owner');
    await db().membership.update({
      where: { id: org.owner.membership.id },
      data: { role: 'auditor' },
    });
    expect(await authenticateApiKey({ db: db(), key, now })).toMatchObject({ role: 'auditor' });
  });
});

describe('listApiKeys and revokeApiKey', () => {
  it('lists the organization’s keys without secrets, for auditors too', async () => {
    const org = await seedOrg({ prisma: db() });
    const other = await seedOrg({ prisma: db() });
    const first = await createApiKey({
      db: db(),
      actor: org.owner.actor,
      input: { name: 'First', role: 'auditor' },
      now,
    });
    await createApiKey({
      db: db(),
      actor: org.owner.actor,
      input: { name: 'Second', role: 'admin' },
      now: new Date(now.getTime() + 1000),
    });
    await createApiKey({
      db: db(),
      actor: other.owner.actor,
      input: { name: 'Theirs', role: 'admin' },
    });
    const rows = await listApiKeys({ db: db(), actor: org.auditor.actor });
    expect(rows.map((row) => row.name)).toEqual(['Second', 'First']);
    expect(rows[1]).toEqual({
      id: first.id,
      name: 'First',
      role: 'auditor',
      prefix: first.prefix,
      createdBy: org.owner.user.email,
      createdAt: now,
      expiresAt: null,
      lastUsedAt: null,
      revokedAt: null,
    });
    expect(JSON.stringify(rows)).not.toContain('keyHash');
  });

  it('revokes once, with an activity entry; refuses admins, twice and other orgs’ keys', async () => {
    const org = await seedOrg({ prisma: db() });
    const other = await seedOrg({ prisma: db() });
    const { id } = await createApiKey({
      db: db(),
      actor: org.owner.actor,
      input: { name: 'Bot', role: 'admin' },
    });
    const before = await snapshotDatabase(db());
    await expectAppError(
      revokeApiKey({ db: db(), actor: org.admin.actor, input: { id } }),
      'FORBIDDEN',
    );
    await expectAppError(
      revokeApiKey({ db: db(), actor: other.owner.actor, input: { id } }),
      'NOT_FOUND',
    );
    expect(await snapshotDatabase(db())).toBe(before);
    const revoked = await revokeApiKey({ db: db(), actor: org.owner.actor, input: { id }, now });
    expect(revoked).toMatchObject({ id, revokedAt: now });
    await expectAppError(
      revokeApiKey({ db: db(), actor: org.owner.actor, input: { id } }),
      'CONFLICT',
    );
    const entry = await db().activityLogEntry.findFirstOrThrow({
      where: { orgId: org.orgId, action: 'api_key_revoked' },
    });
    expect(entry).toMatchObject({ target: 'Bot', details: { keyId: id, role: 'admin' } });
  });
});

import { setupOrganization } from '@parapet/accounts';
import { expectAppError, snapshotDatabase } from '@parapet/accounts/testing';
import { trustFromEnrollment, verifyKeySets } from '@parapet/bundle';
import { describe, expect, it } from 'vitest';
import {
  activityText,
  seedDistributionOrg,
  setupDistributionDatabase,
} from '../testing/distribution-fixtures';
import { ensureOrgSigningKeys } from './ensure-org-signing-keys';
import { listSigningKeys } from './list-signing-keys';
import { loadKeySets } from './load-key-sets';
import { retireSigningKey } from './retire-signing-key';
import { rotateSigningKey } from './rotate-signing-key';

const { db } = setupDistributionDatabase();
const now = new Date();
const iss = 'https://parapet.example.test';

async function bundleVer(orgId: string): Promise<number> {
  const { bundleVer } = await db().organization.findUniqueOrThrow({ where: { id: orgId } });
  return bundleVer;
}

describe('ensureOrgSigningKeys', () => {
  it('creates one key and key set 1, signed by that key, once however many callers race', async () => {
    const org = await seedDistributionOrg(db());
    const results = await Promise.all(
      Array.from({ length: 4 }, () =>
        db().$transaction((tx) => ensureOrgSigningKeys(tx, { orgId: org.orgId, now })),
      ),
    );
    expect(results.filter((result) => result.created)).toHaveLength(1);
    expect(await db().signingKey.count({ where: { orgId: org.orgId } })).toBe(1);
    const chain = await loadKeySets({ db: db(), orgId: org.orgId });
    expect(chain).toHaveLength(1);
    const trust = await trustFromEnrollment({ org: org.orgId, iss, keySets: chain, now });
    expect(trust.ok).toBe(true);
  });

  it('runs inside first-run setup, so the organization has key set 1 from its first commit', async () => {
    const { orgId } = await setupOrganization({
      db: db(),
      input: {
        organizationName: 'Acme',
        email: 'owner@acme.test',
        password: 'correct horse battery staple',
      },
      provisionOrganization: ensureOrgSigningKeys,
    });
    expect(await db().keySet.count({ where: { orgId } })).toBe(1);
  });

  it('is provisioned lazily for an organization created before signing keys existed', async () => {
    const org = await seedDistributionOrg(db());
    expect(await db().keySet.count({ where: { orgId: org.orgId } })).toBe(0);
    expect(await loadKeySets({ db: db(), orgId: org.orgId })).toHaveLength(1);
    expect(await loadKeySets({ db: db(), orgId: org.orgId })).toHaveLength(1);
  });

  it('stores the private key sealed, never in the clear', async () => {
    const org = await seedDistributionOrg(db());
    await loadKeySets({ db: db(), orgId: org.orgId });
    const row = await db().signingKey.findFirstOrThrow({ where: { orgId: org.orgId } });
    expect(row.privateKeyEncrypted[0]).toBe(1);
    expect(JSON.stringify(row.publicJwk)).not.toContain('"d"');
  });
});

describe('listSigningKeys', () => {
  it('shows auditors the public keys and the chain, and nothing private', async () => {
    const org = await seedDistributionOrg(db());
    const view = await listSigningKeys({ db: db(), actor: org.auditor.actor });
    expect(view.keys).toHaveLength(1);
    expect(view.keys[0]).toMatchObject({ state: 'active', retiredAt: null });
    expect(Object.keys(view.keys[0]?.publicJwk ?? {}).sort()).toEqual([
      'alg',
      'crv',
      'kid',
      'kty',
      'use',
      'x',
    ]);
    expect(view.keySets).toEqual([
      { version: 1, createdAt: expect.any(Date), kids: [view.keys[0]?.kid] },
    ]);
    expect(view.currentKeySetVersion).toBe(1);
    expect(JSON.stringify(view)).not.toMatch(/privateKey|"d"/);
  });
});

describe('rotateSigningKey and retireSigningKey', () => {
  it('rotates: set 2 = {new, old} signed by both, a new generation, an activity entry', async () => {
    const org = await seedDistributionOrg(db());
    const chain1 = await loadKeySets({ db: db(), orgId: org.orgId });
    const trust1 = await trustFromEnrollment({ org: org.orgId, iss, keySets: chain1, now });
    if (!trust1.ok) throw new Error(trust1.refusal.message);
    const before = await bundleVer(org.orgId);
    const [oldKey] = (await listSigningKeys({ db: db(), actor: org.auditor.actor })).keys;

    const view = await rotateSigningKey({ db: db(), actor: org.owner.actor });
    expect(view.keys.map((key) => key.state)).toEqual(['active', 'retiring']);
    expect(view.keys[1]?.kid).toBe(oldKey?.kid);
    expect(view.keySets.map((set) => set.version)).toEqual([2, 1]);
    expect(view.keySets[0]?.kids).toEqual([view.keys[0]?.kid, oldKey?.kid]);
    expect(await bundleVer(org.orgId)).toBe(before + 1);

    // A device at set 1 follows the chain to set 2.
    const chain2 = await loadKeySets({ db: db(), orgId: org.orgId });
    const trust2 = await verifyKeySets(chain2, trust1.trust, now);
    expect(trust2.ok && trust2.trust.keySet.version).toBe(2);

    const log = await db().activityLogEntry.findFirstOrThrow({
      where: { orgId: org.orgId, action: 'signing_key.rotated' },
    });
    expect(log).toMatchObject({ actorEmail: org.owner.actor.email, target: view.keys[0]?.kid });
  });

  it('refuses a second rotation before the old key is retired', async () => {
    const org = await seedDistributionOrg(db());
    await rotateSigningKey({ db: db(), actor: org.owner.actor });
    await expectAppError(rotateSigningKey({ db: db(), actor: org.owner.actor }), 'CONFLICT');
  });

  it('retires: set 3 without the old key, signed by the new one; its private part erased', async () => {
    const org = await seedDistributionOrg(db());
    const chain1 = await loadKeySets({ db: db(), orgId: org.orgId });
    const trust1 = await trustFromEnrollment({ org: org.orgId, iss, keySets: chain1, now });
    if (!trust1.ok) throw new Error(trust1.refusal.message);
    const rotated = await rotateSigningKey({ db: db(), actor: org.owner.actor });
    const [fresh, old] = rotated.keys;
    const before = await bundleVer(org.orgId);

    const view = await retireSigningKey({
      db: db(),
      actor: org.owner.actor,
      input: { kid: old?.kid ?? '' },
    });
    expect(view.keys.map((key) => [key.kid, key.state])).toEqual([
      [fresh?.kid, 'active'],
      [old?.kid, 'retired'],
    ]);
    expect(view.keys[1]?.retiredAt).toBeInstanceOf(Date);
    expect(view.keySets[0]).toMatchObject({ version: 3, kids: [fresh?.kid] });
    expect(await bundleVer(org.orgId)).toBe(before + 1);
    const retired = await db().signingKey.findFirstOrThrow({ where: { kid: old?.kid ?? '' } });
    expect(retired.privateKeyEncrypted).toHaveLength(0);

    // A device still at set 1 follows 1 → 2 → 3.
    const chain = await loadKeySets({ db: db(), orgId: org.orgId });
    const followed = await verifyKeySets(chain, trust1.trust, now);
    expect(followed.ok && followed.trust.keySet.keys.map((key) => key.kid)).toEqual([fresh?.kid]);
    expect(await activityText(db(), org.orgId)).toContain('signing_key.retired');
  });

  it('refuses to retire the only key, a retired key, and a key it does not have', async () => {
    const org = await seedDistributionOrg(db());
    const [only] = (await listSigningKeys({ db: db(), actor: org.owner.actor })).keys;
    await expectAppError(
      retireSigningKey({ db: db(), actor: org.owner.actor, input: { kid: only?.kid ?? '' } }),
      'CONFLICT',
    );
    await rotateSigningKey({ db: db(), actor: org.owner.actor });
    await retireSigningKey({ db: db(), actor: org.owner.actor, input: { kid: only?.kid ?? '' } });
    await expectAppError(
      retireSigningKey({ db: db(), actor: org.owner.actor, input: { kid: only?.kid ?? '' } }),
      'CONFLICT',
    );
    await expectAppError(
      retireSigningKey({ db: db(), actor: org.owner.actor, input: { kid: 'A'.repeat(43) } }),
      'NOT_FOUND',
    );
    await expectAppError(
      retireSigningKey({ db: db(), actor: org.owner.actor, input: { kid: 'short' } }),
      'INVALID_INPUT',
    );
  });

  it('may retire the new key instead, leaving the old one the only active key', async () => {
    const org = await seedDistributionOrg(db());
    const [fresh, old] = (await rotateSigningKey({ db: db(), actor: org.owner.actor })).keys;
    const view = await retireSigningKey({
      db: db(),
      actor: org.owner.actor,
      input: { kid: fresh?.kid ?? '' },
    });
    expect(view.keys.find((key) => key.kid === old?.kid)?.state).toBe('active');
  });

  it('lets only owners rotate or retire, and changes nothing for anyone else', async () => {
    const org = await seedDistributionOrg(db());
    await loadKeySets({ db: db(), orgId: org.orgId });
    const [key] = (await listSigningKeys({ db: db(), actor: org.owner.actor })).keys;
    const before = await snapshotDatabase(db());
    for (const actor of [org.admin.actor, org.auditor.actor]) {
      await expectAppError(rotateSigningKey({ db: db(), actor }), 'FORBIDDEN');
      await expectAppError(
        retireSigningKey({ db: db(), actor, input: { kid: key?.kid ?? '' } }),
        'FORBIDDEN',
      );
    }
    expect(await snapshotDatabase(db())).toBe(before);
    expect(await db().keySet.count({ where: { orgId: org.orgId } })).toBe(1);
  });

  it("keeps organizations apart: another org's owner cannot retire this org's key", async () => {
    const org = await seedDistributionOrg(db());
    const other = await seedDistributionOrg(db());
    await rotateSigningKey({ db: db(), actor: org.owner.actor });
    const [, old] = (await listSigningKeys({ db: db(), actor: org.owner.actor })).keys;
    await expectAppError(
      retireSigningKey({ db: db(), actor: other.owner.actor, input: { kid: old?.kid ?? '' } }),
      'NOT_FOUND',
    );
    const otherView = await listSigningKeys({ db: db(), actor: other.auditor.actor });
    expect(otherView.keys.map((key) => key.kid)).not.toContain(old?.kid);
  });
});

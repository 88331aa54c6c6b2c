import { signBundle, type TrustState, trustFromEnrollment, verifyBundle } from '@parapet/bundle';
import { publishPolicy, rollbackPolicy, savePolicyDraft } from '@parapet/policy-admin';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { loadKeySets } from '../keys/load-key-sets';
import { retireSigningKey } from '../keys/retire-signing-key';
import { rotateSigningKey } from '../keys/rotate-signing-key';
import {
  type DistributionOrg,
  seedDistributionOrg,
  setupDistributionDatabase,
} from '../testing/distribution-fixtures';
import { ensureBundle } from './ensure-bundle';
import { groupSetKeyOf } from './group-set';
import { resignIfExpiring } from './resign-if-expiring';

// Counts signings: a bundle must be signed once per (org, group set, generation).
vi.mock('@parapet/bundle', async (importOriginal) => {
  const original = await importOriginal<typeof import('@parapet/bundle')>();
  return { ...original, signBundle: vi.fn(original.signBundle) };
});

const { db } = setupDistributionDatabase();
const issuer = 'https://parapet.example.test';
const day = 86_400;

beforeEach(() => {
  vi.mocked(signBundle).mockClear();
});

const documents = {
  guardrails:
    'network:\n  rules:\n    - id: no-metadata\n      action: deny\n      cidrs: [169.254.169.254/32]\n',
  baseline:
    'network:\n  rules:\n    - id: github\n      action: allow\n      hosts: [github.com]\n',
  'group:eng':
    'network:\n  rules:\n    - id: npm\n      action: allow\n      hosts: [registry.npmjs.org]\n',
  'group:ops':
    'network:\n  rules:\n    - id: grafana\n      action: allow\n      hosts: [grafana.example.com]\n',
};

async function publish(org: DistributionOrg, source = documents) {
  for (const [layer, text] of Object.entries(source)) {
    await savePolicyDraft({ db: db(), actor: org.owner.actor, input: { layer, source: text } });
  }
  return publishPolicy({ db: db(), actor: org.owner.actor, input: { message: 'test' } });
}

async function trustFor(orgId: string, now = new Date()): Promise<TrustState> {
  const keySets = await loadKeySets({ db: db(), orgId });
  const trust = await trustFromEnrollment({ org: orgId, iss: issuer, keySets, now });
  if (!trust.ok) throw new Error(trust.refusal.message);
  return trust.trust;
}

async function claimsOf(document: string, trust: TrustState, now = new Date()) {
  const verified = await verifyBundle(document, trust, now);
  if (!verified.ok) throw new Error(`${verified.refusal.reason}: ${verified.refusal.message}`);
  return verified.claims;
}

describe('ensureBundle', () => {
  it('before any publish, signs the empty policy (everything denied) at policy version 0', async () => {
    const org = await seedDistributionOrg(db());
    const bundle = await ensureBundle({ db: db(), orgId: org.orgId, groups: ['eng'], issuer });
    expect(bundle).toMatchObject({ ver: 1, policyVersion: 0, groups: [], keySetVersion: 1 });
    const claims = await claimsOf(bundle.document, await trustFor(org.orgId));
    expect(claims).toMatchObject({
      iss: issuer,
      org: org.orgId,
      ver: 1,
      policyVersion: 0,
      groups: [],
    });
    expect((claims.policy as { network: unknown[] }).network).toEqual([]);
  });

  it('builds the narrowed effective policy with the contract’s claims, sub and ETag', async () => {
    const org = await seedDistributionOrg(db());
    await publish(org);
    const now = new Date();
    const bundle = await ensureBundle({
      db: db(),
      orgId: org.orgId,
      groups: ['ops', 'eng', 'unknown', 'eng'],
      issuer,
      now,
    });
    expect(bundle).toMatchObject({ ver: 2, policyVersion: 1, groups: ['eng', 'ops'] });
    expect(bundle.groupSetKey).toBe(groupSetKeyOf(['eng', 'ops']));
    expect(bundle.sub).toMatch(/^ep_[0-9a-f]{32}$/);
    const { createHash } = await import('node:crypto');
    expect(bundle.etag).toBe(
      `"${createHash('sha256').update(bundle.document).digest('base64url')}"`,
    );
    const claims = await claimsOf(bundle.document, await trustFor(org.orgId), now);
    expect(claims.exp - claims.iat).toBe(day);
    const policy = claims.policy as { layers: { layer: string }[]; network: { id: string }[] };
    expect(policy.layers.map((entry) => entry.layer)).toEqual([
      'guardrails',
      'baseline',
      'group:eng',
      'group:ops',
    ]);
    expect(policy.network.map((rule) => rule.id)).toEqual([
      'no-metadata',
      'github',
      'npm',
      'grafana',
    ]);

    const engOnly = await ensureBundle({ db: db(), orgId: org.orgId, groups: ['eng'], issuer });
    const engPolicy = (await claimsOf(engOnly.document, await trustFor(org.orgId))).policy as {
      network: { id: string }[];
    };
    expect(engPolicy.network.map((rule) => rule.id)).toEqual(['no-metadata', 'github', 'npm']);
    expect(engOnly.sub).not.toBe(bundle.sub);
  });

  it('builds a bundle once: racing callers share one row and one signing', async () => {
    const org = await seedDistributionOrg(db());
    await publish(org);
    await loadKeySets({ db: db(), orgId: org.orgId });
    vi.mocked(signBundle).mockClear();
    const bundles = await Promise.all(
      Array.from({ length: 8 }, () =>
        ensureBundle({ db: db(), orgId: org.orgId, groups: ['eng'], issuer }),
      ),
    );
    expect(new Set(bundles.map((bundle) => bundle.document)).size).toBe(1);
    expect(await db().bundle.count({ where: { orgId: org.orgId } })).toBe(1);
    expect(vi.mocked(signBundle)).toHaveBeenCalledTimes(1);
    await ensureBundle({ db: db(), orgId: org.orgId, groups: ['eng'], issuer });
    expect(vi.mocked(signBundle)).toHaveBeenCalledTimes(1);
  });

  it('starts a new generation on every publish and rollback; the device accepts each in turn', async () => {
    const org = await seedDistributionOrg(db());
    let trust = await trustFor(org.orgId);
    const first = await publish(org);
    const v1 = await ensureBundle({ db: db(), orgId: org.orgId, groups: [], issuer });
    const verified1 = await verifyBundle(v1.document, trust, new Date());
    if (!verified1.ok) throw new Error(verified1.refusal.message);
    trust = verified1.trust;
    await publish(org, { ...documents, baseline: 'mode: enforce\n' });
    await rollbackPolicy({
      db: db(),
      actor: org.owner.actor,
      input: { version: first.version, message: 'back' },
    });
    const v3 = await ensureBundle({ db: db(), orgId: org.orgId, groups: [], issuer });
    expect(v3).toMatchObject({ ver: v1.ver + 2, policyVersion: 3 });
    const verified3 = await verifyBundle(v3.document, trust, new Date());
    expect(verified3.ok).toBe(true);
    // The older generation is now a rollback to this device.
    if (!verified3.ok) return;
    const replay = await verifyBundle(v1.document, verified3.trust, new Date());
    expect(replay.ok || replay.refusal.reason).toBe('rollback');
  });

  it('keeps bundles verifiable across a key rotation and retirement', async () => {
    const org = await seedDistributionOrg(db());
    await publish(org);
    const trustAtSet1 = await trustFor(org.orgId);
    const before = await ensureBundle({ db: db(), orgId: org.orgId, groups: ['eng'], issuer });

    const rotated = await rotateSigningKey({ db: db(), actor: org.owner.actor });
    const during = await ensureBundle({ db: db(), orgId: org.orgId, groups: ['eng'], issuer });
    expect(during).toMatchObject({ ver: before.ver + 1, keySetVersion: 2 });
    expect(JSON.parse(during.document).signatures).toHaveLength(2);
    // A device still at key set 1 verifies the bundle through the old key…
    expect((await verifyBundle(during.document, trustAtSet1, new Date())).ok).toBe(true);
    // …and the bundle made before the rotation still verifies for it too.
    expect((await verifyBundle(before.document, trustAtSet1, new Date())).ok).toBe(true);

    const [, old] = rotated.keys;
    await retireSigningKey({ db: db(), actor: org.owner.actor, input: { kid: old?.kid ?? '' } });
    const after = await ensureBundle({ db: db(), orgId: org.orgId, groups: ['eng'], issuer });
    expect(after).toMatchObject({ keySetVersion: 3 });
    expect(JSON.parse(after.document).signatures).toHaveLength(1);
    // A device at set 1 that follows the chain verifies the new bundle; without it, it cannot.
    const followed = await trustFor(org.orgId);
    expect((await verifyBundle(after.document, followed, new Date())).ok).toBe(true);
    const stuck = await verifyBundle(after.document, trustAtSet1, new Date());
    expect(stuck.ok || stuck.refusal.reason).toBe('unknown_kid');
  });

  it('re-signs a bundle past half its lifetime under a new generation', async () => {
    const org = await seedDistributionOrg(db());
    await publish(org);
    const start = new Date();
    const first = await ensureBundle({
      db: db(),
      orgId: org.orgId,
      groups: [],
      issuer,
      now: start,
    });
    const nearlyHalf = new Date(start.getTime() + (day / 2 - 60) * 1000);
    expect(
      (await ensureBundle({ db: db(), orgId: org.orgId, groups: [], issuer, now: nearlyHalf })).ver,
    ).toBe(first.ver);
    const pastHalf = new Date(start.getTime() + (day / 2 + 60) * 1000);
    const renewed = await ensureBundle({
      db: db(),
      orgId: org.orgId,
      groups: [],
      issuer,
      now: pastHalf,
    });
    expect(renewed.ver).toBe(first.ver + 1);
    expect(renewed.exp.getTime()).toBe(Math.floor(pastHalf.getTime() / 1000) * 1000 + day * 1000);
  });
});

describe('resignIfExpiring', () => {
  it('does nothing while bundles are fresh, and lets exactly one racing replica bump the generation', async () => {
    const org = await seedDistributionOrg(db());
    const start = new Date();
    const bundle = await ensureBundle({
      db: db(),
      orgId: org.orgId,
      groups: [],
      issuer,
      now: start,
    });
    expect(await resignIfExpiring({ db: db(), orgId: org.orgId, now: start })).toEqual({
      resigned: false,
      ver: bundle.ver,
    });
    const later = new Date(start.getTime() + (day / 2 + 1) * 1000);
    const outcomes = await Promise.all(
      Array.from({ length: 5 }, () => resignIfExpiring({ db: db(), orgId: org.orgId, now: later })),
    );
    expect(outcomes.filter((outcome) => outcome.resigned)).toHaveLength(1);
    for (const outcome of outcomes) expect(outcome.ver).toBe(bundle.ver + 1);
  });
});

import { expectAppError, seedOrg, setupTestDatabase } from '@parapet/accounts/testing';
import type { PrismaClient } from '@parapet/db';
import { describe, expect, it } from 'vitest';
import { loadPolicySources } from './load-policy-sources';

const db = setupTestDatabase();

async function seedDrafts(prisma: PrismaClient, orgId: string) {
  const engineering = await prisma.policyGroup.create({ data: { orgId, name: 'engineering' } });
  await prisma.policyGroup.create({ data: { orgId, name: 'empty' } });
  await prisma.policyDocument.createMany({
    data: [
      { orgId, layer: 'guardrails', source: '' },
      { orgId, layer: 'baseline', source: 'network:\n  rules: []\n', revision: 2 },
      {
        orgId,
        layer: 'group:engineering',
        groupId: engineering.id,
        source: '{"network":{"rules":[]}}',
        format: 'json',
      },
    ],
  });
}

async function seedVersion(prisma: PrismaClient, orgId: string, version: number, source: string) {
  await prisma.policyVersion.create({
    data: {
      orgId,
      version,
      message: `v${version}`,
      documents: [
        { layer: 'baseline', format: 'yaml', source, revision: version },
        { layer: 'group:ops', format: 'yaml', source: '', revision: 0 },
      ],
      compileResult: {},
    },
  });
  await prisma.organization.update({ where: { id: orgId }, data: { lastPolicyVersion: version } });
}

describe('loadPolicySources', () => {
  it('reads the drafts: an empty guardrails is absent, every group is present', async () => {
    const org = await seedOrg({ prisma: db() });
    await seedDrafts(db(), org.orgId);
    const loaded = await loadPolicySources({ db: db(), orgId: org.orgId, against: 'draft' });
    expect(loaded).toEqual({
      sources: {
        baseline: 'network:\n  rules: []\n',
        groups: { empty: '', engineering: '{"network":{"rules":[]}}' },
      },
      version: null,
    });
  });

  it('reads the newest published version, or the one asked for', async () => {
    const org = await seedOrg({ prisma: db() });
    await seedVersion(db(), org.orgId, 1, 'first');
    await seedVersion(db(), org.orgId, 2, 'second');
    expect(await loadPolicySources({ db: db(), orgId: org.orgId, against: 'published' })).toEqual({
      sources: { baseline: 'second', groups: { ops: '' } },
      version: 2,
    });
    const first = await loadPolicySources({ db: db(), orgId: org.orgId, against: 1 });
    expect(first).toMatchObject({ sources: { baseline: 'first' }, version: 1 });
  });

  it('answers NOT_FOUND for nothing published, an unknown version, or another org’s', async () => {
    const org = await seedOrg({ prisma: db() });
    const other = await seedOrg({ prisma: db() });
    await seedVersion(db(), other.orgId, 1, 'theirs');
    await expectAppError(
      loadPolicySources({ db: db(), orgId: org.orgId, against: 'published' }),
      'NOT_FOUND',
    );
    for (const against of [1, 0, -1, 1.5, Number.NaN]) {
      await expectAppError(loadPolicySources({ db: db(), orgId: org.orgId, against }), 'NOT_FOUND');
    }
  });
});

import { expectAppError, seedOrg, setupTestDatabase } from '@parapet/accounts/testing';
import { describe, expect, it } from 'vitest';
import { createPerson } from '../people/create-person';
import { updatePerson } from '../people/update-person';
import { publishSimulationPolicy, saveSimulationDrafts } from '../testing/seed-simulation-policy';
import { getEffectivePolicy } from './get-effective-policy';

const db = setupTestDatabase();

const ruleIds = (view: Awaited<ReturnType<typeof getEffectivePolicy>>) =>
  view.effectivePolicy.network.map((rule) => `${rule.layer}/${rule.id}`);

describe('getEffectivePolicy', () => {
  it('merges guardrails, baseline and the groups asked for, each rule with its layer', async () => {
    const org = await seedOrg({ prisma: db() });
    await saveSimulationDrafts({ db: db(), owner: org.owner.actor });
    const view = await getEffectivePolicy({
      db: db(),
      actor: org.auditor.actor,
      input: { against: 'draft', groups: 'finance' },
    });
    expect(view.version).toBeNull();
    expect(view.subject).toEqual({ groups: ['finance'] });
    expect(view.effectivePolicy.layers.map((layer) => layer.layer)).toEqual([
      'guardrails',
      'baseline',
      'group:finance',
    ]);
    expect(ruleIds(view)).toEqual([
      'guardrails/no-metadata',
      'baseline/github',
      'group:finance/erp',
    ]);
    expect(view.effectivePolicy).toMatchObject({
      format: 'parapet.effective-policy/v1',
      filesystem: [],
      credentials: [],
      mcp: [],
    });
    const everyone = await getEffectivePolicy({
      db: db(),
      actor: org.auditor.actor,
      input: { against: 'draft', groups: 'finance, eng' },
    });
    expect(ruleIds(everyone)).toEqual([
      'guardrails/no-metadata',
      'baseline/github',
      'group:eng/npm',
      'group:finance/erp',
    ]);
  });

  it('reads the published version by default, for a person’s active groups', async () => {
    const org = await seedOrg({ prisma: db() });
    await publishSimulationPolicy({ db: db(), owner: org.owner.actor });
    const ada = await createPerson({
      db: db(),
      actor: org.admin.actor,
      input: { email: 'ada@example.com', groups: ['eng'] },
    });
    const view = await getEffectivePolicy({
      db: db(),
      actor: org.auditor.actor,
      input: { person: 'ada@example.com' },
    });
    expect(view.version).toBe(1);
    expect(ruleIds(view)).toEqual(['guardrails/no-metadata', 'baseline/github', 'group:eng/npm']);
    await updatePerson({
      db: db(),
      actor: org.admin.actor,
      input: { personId: ada.id, active: false },
    });
    const inactive = await getEffectivePolicy({
      db: db(),
      actor: org.auditor.actor,
      input: { person: 'ada@example.com', against: '1' },
    });
    expect(ruleIds(inactive)).toEqual(['guardrails/no-metadata', 'baseline/github']);
    expect(inactive.subject.person).toEqual({
      email: 'ada@example.com',
      active: false,
      groups: ['eng'],
    });
  });

  it('refuses unknown groups and versions, and other organizations’ policy', async () => {
    const org = await seedOrg({ prisma: db() });
    const other = await seedOrg({ prisma: db() });
    await publishSimulationPolicy({ db: db(), owner: org.owner.actor });
    await expectAppError(
      getEffectivePolicy({ db: db(), actor: org.auditor.actor, input: { groups: ['nope'] } }),
      'INVALID_INPUT',
    );
    await expectAppError(
      getEffectivePolicy({ db: db(), actor: org.auditor.actor, input: { against: '007' } }),
      'INVALID_INPUT',
    );
    await expectAppError(
      getEffectivePolicy({ db: db(), actor: org.auditor.actor, input: { against: 2 } }),
      'NOT_FOUND',
    );
    await expectAppError(getEffectivePolicy({ db: db(), actor: other.auditor.actor }), 'NOT_FOUND');
  });
});

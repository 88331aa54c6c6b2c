import { expectAppError, seedOrg, setupTestDatabase } from '@parapet/accounts/testing';
import { describe, expect, it } from 'vitest';
import {
  publishSimulationPolicy,
  saveSimulationDrafts,
  simulationDocuments,
} from '../testing/seed-simulation-policy';
import { comparePolicies } from './compare-policies';

const db = setupTestDatabase();

const npm = { surface: 'network', host: 'registry.npmjs.org', port: 443 };
const github = { surface: 'network', host: 'github.com', port: 443 };
const gitlab = { surface: 'network', host: 'gitlab.com', port: 443 };
const erp = { surface: 'network', host: 'erp.example.com', port: 443 };

describe('comparePolicies', () => {
  it('lists the requests whose answer the drafts would change, with the flips counted', async () => {
    const org = await seedOrg({ prisma: db() });
    await publishSimulationPolicy({ db: db(), owner: org.owner.actor });
    await saveSimulationDrafts({
      db: db(),
      owner: org.owner.actor,
      documents: {
        // GitHub is no longer allowed; GitLab is; npm moves from eng to the baseline in audit.
        baseline:
          'network:\n  rules:\n    - id: gitlab\n      action: allow\n      hosts: [gitlab.com]\n    - id: npm-everyone\n      action: allow\n      mode: audit\n      hosts: [registry.npmjs.org]\n',
        'group:eng': '',
      },
    });
    const comparison = await comparePolicies({
      db: db(),
      actor: org.auditor.actor,
      input: { groups: ['eng'], requests: [github, gitlab, npm, erp, 'junk'] },
    });
    expect(comparison).toMatchObject({
      compared: 5,
      from: { version: 1 },
      to: { version: null },
      flips: { 'allow→deny': 1, 'deny→allow': 1 },
    });
    expect(comparison.changes).toEqual([
      {
        index: 0,
        request: github,
        before: { decision: 'allow', ruleId: 'github', layer: 'baseline', mode: 'enforce' },
        after: { decision: 'deny', ruleId: null, layer: 'default', mode: 'enforce' },
        change: 'decision',
      },
      {
        index: 1,
        request: gitlab,
        before: { decision: 'deny', ruleId: null, layer: 'default', mode: 'enforce' },
        after: { decision: 'allow', ruleId: 'gitlab', layer: 'baseline', mode: 'enforce' },
        change: 'decision',
      },
      {
        index: 2,
        request: npm,
        before: { decision: 'allow', ruleId: 'npm', layer: 'group:eng', mode: 'enforce' },
        after: { decision: 'allow', ruleId: 'npm-everyone', layer: 'baseline', mode: 'audit' },
        change: 'mode',
      },
    ]);
  });

  it('compares any two versions and accepts groups only the newer one has', async () => {
    const org = await seedOrg({ prisma: db() });
    await publishSimulationPolicy({ db: db(), owner: org.owner.actor });
    await publishSimulationPolicy({
      db: db(),
      owner: org.owner.actor,
      documents: {
        ...simulationDocuments,
        'group:ops':
          'network:\n  rules:\n    - id: gitlab\n      action: allow\n      hosts: [gitlab.com]\n',
      },
    });
    const comparison = await comparePolicies({
      db: db(),
      actor: org.auditor.actor,
      input: { from: 1, to: 2, groups: ['ops'], requests: [gitlab, github] },
    });
    expect(comparison.changes.map((change) => [change.index, change.change])).toEqual([
      [0, 'decision'],
    ]);
    await expectAppError(
      comparePolicies({
        db: db(),
        actor: org.auditor.actor,
        input: { from: 1, to: 2, groups: ['nope'], requests: [gitlab] },
      }),
      'INVALID_INPUT',
    );
  });

  it('needs something published to compare with by default', async () => {
    const org = await seedOrg({ prisma: db() });
    await saveSimulationDrafts({ db: db(), owner: org.owner.actor });
    await expectAppError(
      comparePolicies({ db: db(), actor: org.auditor.actor, input: { requests: [github] } }),
      'NOT_FOUND',
    );
  });
});

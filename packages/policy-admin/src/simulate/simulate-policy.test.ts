import { expectAppError, seedOrg, setupTestDatabase } from '@parapet/accounts/testing';
import { describe, expect, it } from 'vitest';
import { createPerson } from '../people/create-person';
import { deactivatePerson } from '../people/deactivate-person';
import {
  publishSimulationPolicy,
  saveSimulationDrafts,
  simulationDocuments,
} from '../testing/seed-simulation-policy';
import { simulatePolicy } from './simulate-policy';

const db = setupTestDatabase();

const npm = { surface: 'network', host: 'registry.npmjs.org', port: 443 };
const github = { surface: 'network', host: 'github.com', port: 443 };
const metadata = { surface: 'network', ip: '169.254.169.254', port: 80 };

describe('simulatePolicy', () => {
  it('answers each request in order with exactly the engine’s decision, malformed ones denied', async () => {
    const org = await seedOrg({ prisma: db() });
    await saveSimulationDrafts({ db: db(), owner: org.owner.actor });
    const { decisions, version, subject } = await simulatePolicy({
      db: db(),
      actor: org.auditor.actor,
      input: {
        against: 'draft',
        groups: ['eng'],
        requests: [npm, github, metadata, { surface: 'network' }, 'nonsense', null],
      },
    });
    expect(version).toBeNull();
    expect(subject).toEqual({ groups: ['eng'] });
    expect(decisions.slice(0, 3)).toEqual([
      { decision: 'allow', ruleId: 'npm', layer: 'group:eng', mode: 'enforce' },
      { decision: 'allow', ruleId: 'github', layer: 'baseline', mode: 'enforce' },
      { decision: 'deny', ruleId: 'no-metadata', layer: 'guardrails', mode: 'enforce' },
    ]);
    for (const malformed of decisions.slice(3)) {
      expect(malformed).toMatchObject({ decision: 'deny', ruleId: null, layer: 'default' });
      expect(malformed.reason).toEqual(expect.any(String));
    }
  });

  it('simulates a person with their active groups, and an inactive person with the baseline only', async () => {
    const org = await seedOrg({ prisma: db() });
    await saveSimulationDrafts({ db: db(), owner: org.owner.actor });
    const ada = await createPerson({
      db: db(),
      actor: org.admin.actor,
      input: { email: 'ada@example.com', groups: ['eng'] },
    });
    const asAda = () =>
      simulatePolicy({
        db: db(),
        actor: org.auditor.actor,
        input: { against: 'draft', person: 'ADA@example.com', requests: [npm] },
      });
    expect((await asAda()).decisions[0]?.decision).toBe('allow');
    await deactivatePerson({ db: db(), actor: org.admin.actor, input: { personId: ada.id } });
    const inactive = await asAda();
    expect(inactive.decisions[0]).toMatchObject({ decision: 'deny', layer: 'default' });
    expect(inactive.subject).toEqual({
      groups: [],
      person: { email: 'ada@example.com', active: false, groups: ['eng'] },
    });
  });

  it('reads the published version or any version', async () => {
    const org = await seedOrg({ prisma: db() });
    const first = await publishSimulationPolicy({ db: db(), owner: org.owner.actor });
    await publishSimulationPolicy({
      db: db(),
      owner: org.owner.actor,
      documents: { ...simulationDocuments, baseline: '' },
    });
    const simulate = (against: 'published' | number) =>
      simulatePolicy({
        db: db(),
        actor: org.auditor.actor,
        input: { against, requests: [github] },
      });
    expect((await simulate('published')).decisions[0]?.decision).toBe('deny');
    const old = await simulate(first);
    expect(old).toMatchObject({ version: 1, decisions: [{ decision: 'allow', ruleId: 'github' }] });
  });

  it('applies only the person’s groups the version read has', async () => {
    const org = await seedOrg({ prisma: db() });
    await publishSimulationPolicy({ db: db(), owner: org.owner.actor });
    await saveSimulationDrafts({
      db: db(),
      owner: org.owner.actor,
      documents: { 'group:ops': 'network:\n  rules: []\n' },
    });
    await createPerson({
      db: db(),
      actor: org.admin.actor,
      input: { email: 'ada@example.com', groups: ['ops', 'eng'] },
    });
    const { subject } = await simulatePolicy({
      db: db(),
      actor: org.auditor.actor,
      input: { against: 1, person: 'ada@example.com', requests: [npm] },
    });
    expect(subject).toEqual({
      groups: ['eng'],
      person: { email: 'ada@example.com', active: true, groups: ['eng', 'ops'] },
    });
  });

  it('refuses unknown groups, unknown people, both at once, too many requests and invalid drafts', async () => {
    const org = await seedOrg({ prisma: db() });
    await saveSimulationDrafts({ db: db(), owner: org.owner.actor });
    const simulate = (input: Record<string, unknown>) =>
      simulatePolicy({
        db: db(),
        actor: org.auditor.actor,
        input: { against: 'draft', requests: [github], ...input } as never,
      });
    const unknown = await expectAppError(simulate({ groups: ['eng', 'nope'] }), 'INVALID_INPUT');
    expect(unknown.fieldErrors?.groups).toEqual(['The policy has no group named "nope".']);
    await expectAppError(simulate({ person: 'nobody@example.com' }), 'NOT_FOUND');
    await expectAppError(simulate({ groups: ['eng'], person: 'a@example.com' }), 'INVALID_INPUT');
    const tooMany = await expectAppError(
      simulate({ requests: Array.from({ length: 10_001 }, () => github) }),
      'INVALID_INPUT',
    );
    expect(tooMany.fieldErrors?.requests?.[0]).toMatch(/at most 10,000 requests/);
    await expectAppError(simulate({ against: 'tomorrow' }), 'INVALID_INPUT');
    await expectAppError(simulate({ against: 'published' }), 'NOT_FOUND');
    await saveSimulationDrafts({
      db: db(),
      owner: org.owner.actor,
      documents: {
        baseline: 'network:\n  rules:\n    - id: x\n      action: allow\n      hosts: [a..b]\n',
      },
    });
    const invalid = await expectAppError(simulate({}), 'POLICY_INVALID');
    expect(invalid.message).toMatch(/^The draft has 1 problem; fix it to simulate/);
    expect(invalid.issues).toEqual([
      expect.objectContaining({ layer: 'baseline', line: 5, path: 'network.rules[0].hosts[0]' }),
    ]);
  });

  it('keeps organizations apart', async () => {
    const org = await seedOrg({ prisma: db() });
    const other = await seedOrg({ prisma: db() });
    await publishSimulationPolicy({ db: db(), owner: org.owner.actor });
    await createPerson({ db: db(), actor: org.admin.actor, input: { email: 'ada@example.com' } });
    await expectAppError(
      simulatePolicy({
        db: db(),
        actor: other.auditor.actor,
        input: { against: 'published', requests: [github] },
      }),
      'NOT_FOUND',
    );
    await expectAppError(
      simulatePolicy({
        db: db(),
        actor: other.auditor.actor,
        input: { against: 1, requests: [github] },
      }),
      'NOT_FOUND',
    );
    await expectAppError(
      simulatePolicy({
        db: db(),
        actor: other.auditor.actor,
        input: { against: 'draft', person: 'ada@example.com', requests: [github] },
      }),
      'NOT_FOUND',
    );
    // The other org's own (empty) drafts: its groups are not ours.
    await expectAppError(
      simulatePolicy({
        db: db(),
        actor: other.auditor.actor,
        input: { against: 'draft', groups: ['eng'], requests: [github] },
      }),
      'INVALID_INPUT',
    );
  });
});

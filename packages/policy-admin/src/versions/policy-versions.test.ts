import {
  expectAppError,
  type SeededOrg,
  seedOrg,
  setupTestDatabase,
  snapshotDatabase,
} from '@parapet/accounts/testing';
import { describe, expect, it } from 'vitest';
import { deletePolicyGroup } from '../groups/delete-policy-group';
import { getPolicyDraft } from '../policy/get-policy-draft';
import { publishPolicy } from '../policy/publish-policy';
import { savePolicyDraft } from '../policy/save-policy-draft';
import { diffPolicyVersions } from './diff-policy-versions';
import { getPolicyVersion } from './get-policy-version';
import { listPolicyVersions } from './list-policy-versions';
import { rollbackPolicy } from './rollback-policy';

const db = setupTestDatabase();

const v1Baseline = `network:
  rules:
    - id: github
      action: allow
      hosts: [github.com]
    - id: npm
      action: allow
      hosts: [registry.npmjs.org]
    - id: metadata
      action: deny
      cidrs: [169.254.169.254/32]
`;
const v2Baseline = `mode: audit
network:
  rules:
    - id: metadata
      action: deny
      cidrs: [169.254.169.254/32]
    - id: github
      action: allow
      hosts: [github.com, api.github.com]
    - id: pypi
      action: allow
      hosts: [pypi.org]
tests:
  - name: pypi
    request: { surface: network, host: pypi.org, port: 443 }
    expect: allow
`;

async function save(org: SeededOrg, layer: string, source: string) {
  await savePolicyDraft({ db: db(), actor: org.owner.actor, input: { layer, source } });
}

async function publish(org: SeededOrg, message: string) {
  return publishPolicy({ db: db(), actor: org.admin.actor, input: { message } });
}

async function seedTwoVersions() {
  const org = await seedOrg({ prisma: db() });
  await save(org, 'guardrails', 'mode: enforce\n');
  await save(org, 'baseline', v1Baseline);
  await save(org, 'group:old', 'mode: audit\n');
  await publish(org, 'First');
  await save(org, 'baseline', v2Baseline);
  await deletePolicyGroup({ db: db(), actor: org.admin.actor, input: { name: 'old' } });
  await save(org, 'group:new', 'filesystem:\n  rules: []\n');
  await publish(org, 'Second');
  return org;
}

describe('policy versions', () => {
  it('lists versions newest first and reads one with its documents', async () => {
    const org = await seedTwoVersions();
    const rows = await listPolicyVersions({ db: db(), actor: org.auditor.actor });
    expect(rows.map((row) => [row.version, row.message, row.authorEmail])).toEqual([
      [2, 'Second', org.admin.actor.email],
      [1, 'First', org.admin.actor.email],
    ]);
    const first = await getPolicyVersion({
      db: db(),
      actor: org.auditor.actor,
      input: { version: 1 },
    });
    expect(first.documents.map((document) => document.layer)).toEqual([
      'guardrails',
      'baseline',
      'group:old',
    ]);
    expect(first.compileResult.rules).toBe(3);
    await expectAppError(
      getPolicyVersion({ db: db(), actor: org.auditor.actor, input: { version: 3 } }),
      'NOT_FOUND',
    );
    const other = await seedOrg({ prisma: db() });
    expect(await listPolicyVersions({ db: db(), actor: other.owner.actor })).toEqual([]);
    await expectAppError(
      getPolicyVersion({ db: db(), actor: other.owner.actor, input: { version: 1 } }),
      'NOT_FOUND',
    );
  });

  it('diffs two versions rule by rule, with the text beside it', async () => {
    const org = await seedTwoVersions();
    const diff = await diffPolicyVersions({
      db: db(),
      actor: org.auditor.actor,
      input: { from: 1, to: 2 },
    });
    expect(diff.layers.map((layer) => [layer.layer, layer.status])).toEqual([
      ['guardrails', 'unchanged'],
      ['baseline', 'changed'],
      ['group:new', 'added'],
      ['group:old', 'removed'],
    ]);
    const baseline = diff.layers[1];
    expect(baseline?.rules?.mode).toEqual({ from: null, to: 'audit' });
    const network = baseline?.rules?.surfaces[0];
    expect(network?.surface).toBe('network');
    expect(network?.added.map((rule) => [rule.key, rule.index])).toEqual([['pypi', 2]]);
    expect(network?.removed.map((rule) => [rule.key, rule.index])).toEqual([['npm', 1]]);
    expect(network?.changed.map((rule) => [rule.key, rule.fields])).toEqual([
      ['github', ['hosts']],
    ]);
    // Of the two rules kept, one changed places relative to the other: one move, not two.
    expect(network?.moved).toEqual([{ key: 'github', from: 0, to: 1 }]);
    expect(baseline?.rules?.tests?.added.map((test) => test.key)).toEqual(['pypi']);
    expect(baseline?.text.added).toBeGreaterThan(0);
    expect(baseline?.text.hunks[0]?.lines[0]).toEqual({ kind: 'added', text: 'mode: audit' });
    expect(diff.layers[0]?.text.hunks).toEqual([]);
    // The drafts against the newest version: nothing changed yet.
    const pending = await diffPolicyVersions({
      db: db(),
      actor: org.auditor.actor,
      input: { from: 2, to: 'draft' },
    });
    expect(pending.layers.every((layer) => layer.status === 'unchanged')).toBe(true);
    await expectAppError(
      diffPolicyVersions({ db: db(), actor: org.auditor.actor, input: { from: 1, to: 9 } }),
      'NOT_FOUND',
    );
  });

  it('rolls back: republishes an old version as a new one and resets the drafts to it', async () => {
    const org = await seedTwoVersions();
    await save(org, 'baseline', 'mode: audit\n# unpublished work\n');
    const rolledBack = await rollbackPolicy({
      db: db(),
      actor: org.owner.actor,
      input: { version: 1, message: 'Back to the first' },
    });
    expect(rolledBack.version).toBe(3);
    const third = await getPolicyVersion({
      db: db(),
      actor: org.auditor.actor,
      input: { version: 3 },
    });
    expect(third).toMatchObject({ rolledBackFrom: 1, message: 'Back to the first' });
    expect(third.documents.map((document) => [document.layer, document.source])).toEqual([
      ['guardrails', 'mode: enforce\n'],
      ['baseline', v1Baseline],
      // A group created since stays, empty, so the policy decides as version 1 did.
      ['group:new', ''],
      // A group deleted since is back.
      ['group:old', 'mode: audit\n'],
    ]);
    const draft = await getPolicyDraft({
      db: db(),
      actor: org.auditor.actor,
      input: { layer: 'baseline' },
    });
    expect(draft).toMatchObject({ source: v1Baseline, revision: 4 });
    expect(third.documents[1]?.revision).toBe(4);
    const diff = await diffPolicyVersions({
      db: db(),
      actor: org.auditor.actor,
      input: { from: 3, to: 'draft' },
    });
    expect(diff.layers.every((layer) => layer.status === 'unchanged')).toBe(true);
    const entry = await db().activityLogEntry.findFirstOrThrow({
      where: { orgId: org.orgId, action: 'policy.rolled_back' },
    });
    expect(entry).toMatchObject({
      target: 'v3',
      details: { message: 'Back to the first', from: 'v1' },
    });
  });

  it('refuses a rollback to a version the engine no longer accepts, changing nothing', async () => {
    const org = await seedTwoVersions();
    // Written straight into the table: a version an older engine accepted.
    await db().policyVersion.create({
      data: {
        orgId: org.orgId,
        version: 3,
        message: 'From an older engine',
        documents: [{ layer: 'baseline', format: 'yaml', source: 'mode: lenient\n', revision: 9 }],
        compileResult: {},
      },
    });
    await db().organization.update({ where: { id: org.orgId }, data: { lastPolicyVersion: 3 } });
    const before = await snapshotDatabase(db());
    const refused = await expectAppError(
      rollbackPolicy({
        db: db(),
        actor: org.owner.actor,
        input: { version: 3, message: 'Try it' },
      }),
      'POLICY_INVALID',
    );
    expect(refused.issues?.[0]).toMatchObject({ layer: 'baseline', path: 'mode', line: 1 });
    expect(await snapshotDatabase(db())).toBe(before);
  });

  it('refuses auditors, admins whose rollback would change guardrails, and other orgs', async () => {
    const org = await seedTwoVersions();
    const other = await seedOrg({ prisma: db() });
    await save(org, 'guardrails', 'mode: audit\n');
    const before = await snapshotDatabase(db());
    await expectAppError(
      rollbackPolicy({ db: db(), actor: org.auditor.actor, input: { version: 1, message: 'x' } }),
      'FORBIDDEN',
    );
    await expectAppError(
      rollbackPolicy({ db: db(), actor: org.admin.actor, input: { version: 1, message: 'x' } }),
      'FORBIDDEN',
    );
    await expectAppError(
      rollbackPolicy({ db: db(), actor: other.owner.actor, input: { version: 1, message: 'x' } }),
      'NOT_FOUND',
    );
    await expectAppError(
      rollbackPolicy({ db: db(), actor: org.owner.actor, input: { version: 1, message: '' } }),
      'INVALID_INPUT',
    );
    await expectAppError(
      rollbackPolicy({
        db: db(),
        actor: org.owner.actor,
        input: { version: 0, message: 'x' } as never,
      }),
      'INVALID_INPUT',
    );
    expect(await snapshotDatabase(db())).toBe(before);
    // With the guardrails draft back as published, an admin may roll back.
    await save(org, 'guardrails', 'mode: enforce\n');
    const rolledBack = await rollbackPolicy({
      db: db(),
      actor: org.admin.actor,
      input: { version: 1, message: 'Admin rollback' },
    });
    expect(rolledBack.version).toBe(3);
  });
});

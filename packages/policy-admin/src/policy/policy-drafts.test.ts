import {
  expectAppError,
  seedOrg,
  setupTestDatabase,
  snapshotDatabase,
} from '@parapet/accounts/testing';
import { describe, expect, it } from 'vitest';
import { createPolicyGroup } from '../groups/create-policy-group';
import { getPolicyDraft } from './get-policy-draft';
import { policyDocumentByteLimit, savePolicyDraft } from './save-policy-draft';

const db = setupTestDatabase();

const baseline = `# Everyone reaches GitHub.
network:
  rules:
    - id: github   # the id decisions report
      action: allow
      hosts: [github.com]
`;

describe('policy drafts', () => {
  it('keeps the source byte for byte, counts revisions, detects the format and records saves', async () => {
    const org = await seedOrg({ prisma: db() });
    const first = await savePolicyDraft({
      db: db(),
      actor: org.admin.actor,
      input: { layer: 'baseline', source: baseline },
    });
    expect(first).toMatchObject({ revision: 1, format: 'yaml', issues: [] });
    const json = '{ "network": { "rules": [] } }';
    const second = await savePolicyDraft({
      db: db(),
      actor: org.owner.actor,
      input: { layer: 'baseline', source: json, expectedRevision: 1 },
    });
    expect(second).toMatchObject({ revision: 2, format: 'json', updatedBy: org.owner.actor.email });
    await savePolicyDraft({
      db: db(),
      actor: org.owner.actor,
      input: { layer: 'baseline', source: baseline, format: 'yaml' },
    });
    const draft = await getPolicyDraft({
      db: db(),
      actor: org.auditor.actor,
      input: { layer: 'baseline' },
    });
    expect(draft).toMatchObject({ source: baseline, format: 'yaml', revision: 3, issues: [] });
    const entries = await db().activityLogEntry.findMany({
      where: { orgId: org.orgId, action: 'policy.draft_saved' },
      orderBy: { seq: 'asc' },
    });
    expect(entries.map((entry) => [entry.target, entry.details])).toEqual([
      ['baseline', { revision: 1 }],
      ['baseline', { revision: 2 }],
      ['baseline', { revision: 3 }],
    ]);
  });

  it('answers an unsaved guardrails or baseline as empty, and an unknown group as NOT_FOUND', async () => {
    const org = await seedOrg({ prisma: db() });
    expect(
      await getPolicyDraft({ db: db(), actor: org.auditor.actor, input: { layer: 'guardrails' } }),
    ).toEqual({
      layer: 'guardrails',
      source: '',
      format: 'yaml',
      revision: 0,
      updatedBy: null,
      updatedAt: null,
      issues: [],
    });
    await expectAppError(
      getPolicyDraft({ db: db(), actor: org.auditor.actor, input: { layer: 'group:nope' } }),
      'NOT_FOUND',
    );
    await createPolicyGroup({ db: db(), actor: org.admin.actor, input: { name: 'ops' } });
    expect(
      await getPolicyDraft({ db: db(), actor: org.auditor.actor, input: { layer: 'group:ops' } }),
    ).toMatchObject({ source: '', revision: 0, updatedAt: null });
  });

  it('saves an invalid draft and answers its issues with paths and lines', async () => {
    const org = await seedOrg({ prisma: db() });
    const broken = 'network:\n  rules:\n    - id: x\n      action: allow\n      hosts: [127.1]\n';
    const saved = await savePolicyDraft({
      db: db(),
      actor: org.admin.actor,
      input: { layer: 'group:eng', source: broken },
    });
    expect(saved.revision).toBe(1);
    expect(saved.issues).toEqual([
      expect.objectContaining({ layer: 'group:eng', path: 'network.rules[0].hosts[0]', line: 5 }),
    ]);
    const draft = await getPolicyDraft({
      db: db(),
      actor: org.admin.actor,
      input: { layer: 'group:eng' },
    });
    expect(draft).toMatchObject({ source: broken, issues: saved.issues });
  });

  it('reports a policy test naming a group the organization does not have', async () => {
    const org = await seedOrg({ prisma: db() });
    const source = `tests:
  - name: contractors are kept out
    groups: [contractors, eng]
    request: { surface: network, host: github.com, port: 443 }
    expect: deny
`;
    const saved = await savePolicyDraft({
      db: db(),
      actor: org.admin.actor,
      input: { layer: 'group:eng', source },
    });
    expect(saved.issues).toEqual([
      {
        layer: 'group:eng',
        path: 'tests[0].groups[0]',
        line: 3,
        message: 'the test names the group "contractors", which the organization does not have',
      },
    ]);
    await createPolicyGroup({ db: db(), actor: org.admin.actor, input: { name: 'contractors' } });
    const draft = await getPolicyDraft({
      db: db(),
      actor: org.admin.actor,
      input: { layer: 'group:eng' },
    });
    expect(draft.issues).toEqual([]);
  });

  it('creates the group of a new group document, recording both', async () => {
    const org = await seedOrg({ prisma: db() });
    const created = await savePolicyDraft({
      db: db(),
      actor: org.admin.actor,
      input: { layer: 'group:contractors', source: 'mode: audit\n' },
    });
    expect(created.groupCreated).toBe(true);
    const again = await savePolicyDraft({
      db: db(),
      actor: org.admin.actor,
      input: { layer: 'group:contractors', source: 'mode: enforce\n' },
    });
    expect(again).toMatchObject({ groupCreated: false, revision: 2 });
    expect(
      await db().policyGroup.findFirst({ where: { orgId: org.orgId, name: 'contractors' } }),
    ).not.toBeNull();
    const actions = await db().activityLogEntry.findMany({
      where: { orgId: org.orgId },
      orderBy: { seq: 'asc' },
      select: { action: true, target: true },
    });
    expect(actions).toEqual([
      { action: 'policy.group_created', target: 'contractors' },
      { action: 'policy.draft_saved', target: 'group:contractors' },
      { action: 'policy.draft_saved', target: 'group:contractors' },
    ]);
  });

  it('refuses a save based on a stale revision, naming who saved since', async () => {
    const org = await seedOrg({ prisma: db() });
    await savePolicyDraft({
      db: db(),
      actor: org.admin.actor,
      input: { layer: 'baseline', source: 'mode: audit\n' },
    });
    await savePolicyDraft({
      db: db(),
      actor: org.owner.actor,
      input: { layer: 'baseline', source: 'mode: enforce\n', expectedRevision: 1 },
    });
    const before = await snapshotDatabase(db());
    const stale = await expectAppError(
      savePolicyDraft({
        db: db(),
        actor: org.admin.actor,
        input: { layer: 'baseline', source: 'mine', expectedRevision: 1 },
      }),
      'STALE_REVISION',
    );
    expect(stale.status).toBe(412);
    expect(stale.message).toContain(org.owner.actor.email);
    expect(stale.message).toContain('revision 2');
    await expectAppError(
      savePolicyDraft({
        db: db(),
        actor: org.admin.actor,
        input: { layer: 'baseline', source: 'mine', expectedRevision: 7 },
      }),
      'STALE_REVISION',
    );
    // A group someone deleted is not silently created again by a save that expected it.
    await expectAppError(
      savePolicyDraft({
        db: db(),
        actor: org.admin.actor,
        input: { layer: 'group:gone', source: '', expectedRevision: 3 },
      }),
      'STALE_REVISION',
    );
    expect(await snapshotDatabase(db())).toBe(before);
  });

  it('lets exactly one of two saves from the same revision win', async () => {
    const org = await seedOrg({ prisma: db() });
    await savePolicyDraft({
      db: db(),
      actor: org.admin.actor,
      input: { layer: 'baseline', source: '' },
    });
    const results = await Promise.allSettled(
      ['a: 1', 'b: 2', 'c: 3'].map((source) =>
        savePolicyDraft({
          db: db(),
          actor: org.admin.actor,
          input: { layer: 'baseline', source, expectedRevision: 1 },
        }),
      ),
    );
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    for (const result of results) {
      if (result.status === 'rejected') expect(result.reason.code).toBe('STALE_REVISION');
    }
  });

  it('refuses auditors, admins on guardrails, other orgs and unstorable text, changing nothing', async () => {
    const org = await seedOrg({ prisma: db() });
    const other = await seedOrg({ prisma: db() });
    await createPolicyGroup({ db: db(), actor: org.admin.actor, input: { name: 'ops' } });
    const before = await snapshotDatabase(db());
    await expectAppError(
      savePolicyDraft({
        db: db(),
        actor: org.auditor.actor,
        input: { layer: 'baseline', source: '' },
      }),
      'FORBIDDEN',
    );
    await expectAppError(
      savePolicyDraft({
        db: db(),
        actor: org.admin.actor,
        input: { layer: 'guardrails', source: '' },
      }),
      'FORBIDDEN',
    );
    // Another org's owner writes to their own org, never this one's.
    await expectAppError(
      getPolicyDraft({ db: db(), actor: other.owner.actor, input: { layer: 'group:ops' } }),
      'NOT_FOUND',
    );
    await expectAppError(
      savePolicyDraft({
        db: db(),
        actor: org.owner.actor,
        input: { layer: 'baseline', source: 'x'.repeat(policyDocumentByteLimit + 1) },
      }),
      'PAYLOAD_TOO_LARGE',
    );
    for (const input of [
      { layer: 'baseline', source: 'a: "\u0000"' },
      { layer: 'baseline', source: 'a: "\uD800"' },
      { layer: 'group:Ops', source: '' },
      { layer: 'group:', source: '' },
      { layer: 'people', source: '' },
      { layer: 'baseline', source: 42 },
      { layer: 'baseline', source: '', format: 'toml' },
      { layer: 'baseline', source: '', expectedRevision: -1 },
      { layer: 'baseline', source: '', extra: 1 },
    ]) {
      await expectAppError(
        savePolicyDraft({ db: db(), actor: org.owner.actor, input: input as never }),
        'INVALID_INPUT',
      );
    }
    expect(await snapshotDatabase(db())).toBe(before);
    const theirs = await savePolicyDraft({
      db: db(),
      actor: other.owner.actor,
      input: { layer: 'group:ops', source: 'mode: audit\n' },
    });
    expect(theirs.revision).toBe(1);
    expect(
      await getPolicyDraft({ db: db(), actor: org.owner.actor, input: { layer: 'group:ops' } }),
    ).toMatchObject({ source: '', revision: 0 });
  });
});

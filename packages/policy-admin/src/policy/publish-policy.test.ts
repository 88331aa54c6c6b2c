import {
  expectAppError,
  seedOrg,
  setupTestDatabase,
  snapshotDatabase,
} from '@parapet/accounts/testing';
import { describe, expect, it } from 'vitest';
import { publishPolicy } from './publish-policy';
import { savePolicyDraft } from './save-policy-draft';

const db = setupTestDatabase();

const baseline = `network:
  rules:
    - id: github
      action: allow
      hosts: [github.com]
tests:
  - name: github is reachable
    request: { surface: network, host: github.com, port: 443 }
    expect: allow
`;
const engineering = `filesystem:
  rules:
    - id: workspace
      action: allow
      paths: [":workspace/**"]
      access: write
`;

async function seedDrafts() {
  const org = await seedOrg({ prisma: db() });
  const save = (layer: string, source: string) =>
    savePolicyDraft({ db: db(), actor: org.owner.actor, input: { layer, source } });
  await save('guardrails', 'mode: enforce\n');
  await save('baseline', baseline);
  await save('group:engineering', engineering);
  return org;
}

describe('publishPolicy', () => {
  it('publishes the whole org as the next version with its compile result and activity entry', async () => {
    const org = await seedDrafts();
    const first = await publishPolicy({
      db: db(),
      actor: org.admin.actor,
      input: { message: 'First policy' },
    });
    expect(first.version).toBe(1);
    const second = await publishPolicy({
      db: db(),
      actor: org.owner.actor,
      input: { message: 'Again' },
    });
    expect(second.version).toBe(2);
    const row = await db().policyVersion.findFirstOrThrow({
      where: { orgId: org.orgId, version: 1 },
    });
    expect(row).toMatchObject({
      message: 'First policy',
      authorUserId: org.admin.actor.userId,
      authorEmail: org.admin.actor.email,
      authorApiKeyId: null,
      rolledBackFrom: null,
    });
    expect(row.documents).toEqual([
      { layer: 'guardrails', format: 'yaml', source: 'mode: enforce\n', revision: 1 },
      { layer: 'baseline', format: 'yaml', source: baseline, revision: 1 },
      { layer: 'group:engineering', format: 'yaml', source: engineering, revision: 1 },
    ]);
    expect(row.compileResult).toEqual({
      layers: [
        {
          layer: 'guardrails',
          rules: { network: 0, filesystem: 0, credentials: 0, mcp: 0 },
          tests: 0,
        },
        {
          layer: 'baseline',
          rules: { network: 1, filesystem: 0, credentials: 0, mcp: 0 },
          tests: 1,
        },
        {
          layer: 'group:engineering',
          rules: { network: 0, filesystem: 1, credentials: 0, mcp: 0 },
          tests: 0,
        },
      ],
      rules: 2,
      tests: { run: 1, passed: 1 },
    });
    expect(await db().organization.findUniqueOrThrow({ where: { id: org.orgId } })).toMatchObject({
      lastPolicyVersion: 2,
    });
    const entry = await db().activityLogEntry.findFirstOrThrow({
      where: { orgId: org.orgId, action: 'policy.published', target: 'v1' },
    });
    expect(entry.details).toEqual({ message: 'First policy' });
  });

  it('attributes a save and a publish made with an API key to the key and its creator', async () => {
    const org = await seedOrg({ prisma: db() });
    const apiKey = { id: '0193a5b2-7c1d-7e2f-8a3b-4c5d6e7f8091', name: 'CI sync' };
    const actor = { ...org.admin.actor, apiKey };
    const saved = await savePolicyDraft({
      db: db(),
      actor,
      input: { layer: 'baseline', source: baseline },
    });
    expect(saved.updatedBy).toBe(`API key "CI sync" (${apiKey.id})`);
    await publishPolicy({ db: db(), actor, input: { message: 'From CI' } });
    const row = await db().policyVersion.findFirstOrThrow({ where: { orgId: org.orgId } });
    expect(row).toMatchObject({ authorApiKeyId: apiKey.id, authorEmail: org.admin.actor.email });
    const entries = await db().activityLogEntry.findMany({
      where: { orgId: org.orgId },
      orderBy: { seq: 'asc' },
      select: { action: true, actorEmail: true, details: true },
    });
    expect(entries).toEqual([
      {
        action: 'policy.draft_saved',
        actorEmail: org.admin.actor.email,
        details: { revision: 1, apiKey },
      },
      {
        action: 'policy.published',
        actorEmail: org.admin.actor.email,
        details: { message: 'From CI', apiKey },
      },
    ]);
  });

  it('refuses an invalid policy with every issue of every layer, publishing nothing', async () => {
    const org = await seedDrafts();
    await savePolicyDraft({
      db: db(),
      actor: org.admin.actor,
      input: {
        layer: 'baseline',
        source: 'network:\n  rules:\n    - id: x\n      action: allow\n',
      },
    });
    await savePolicyDraft({
      db: db(),
      actor: org.admin.actor,
      input: { layer: 'group:ops', source: 'mode: sometimes\n' },
    });
    const before = await snapshotDatabase(db());
    const refused = await expectAppError(
      publishPolicy({ db: db(), actor: org.admin.actor, input: { message: 'Broken' } }),
      'POLICY_INVALID',
    );
    expect(refused.status).toBe(422);
    expect(refused.issues?.map((issue) => [issue.layer, issue.path, issue.line])).toEqual([
      ['baseline', 'network.rules[0]', 3],
      ['group:ops', 'mode', 1],
    ]);
    expect(refused.message).toMatch(
      /^The policy has 2 problems; nothing was published\.\nbaseline: /,
    );
    expect(await snapshotDatabase(db())).toBe(before);
  });

  it('refuses failing tests with each test, expected and actual, publishing nothing', async () => {
    const org = await seedDrafts();
    await savePolicyDraft({
      db: db(),
      actor: org.admin.actor,
      input: {
        layer: 'group:engineering',
        source: `${engineering}tests:
  - name: engineers reach gitlab
    groups: [engineering]
    request: { surface: network, host: gitlab.com, port: 443 }
    expect: allow
  - name: workspace is writable
    groups: [engineering]
    request: { surface: filesystem, path: /w/a, access: write, workspace: /w }
    expect: allow
    ruleId: workspace
`,
      },
    });
    const before = await snapshotDatabase(db());
    const refused = await expectAppError(
      publishPolicy({ db: db(), actor: org.admin.actor, input: { message: 'Tests fail' } }),
      'POLICY_TESTS_FAILED',
    );
    expect(refused.issues).toEqual([
      {
        layer: 'group:engineering',
        test: 'engineers reach gitlab',
        expected: { decision: 'allow' },
        actual: { decision: 'deny', ruleId: null, layer: 'default', mode: 'enforce' },
        message:
          'test "engineers reach gitlab": expected allow; got deny (rule none, layer default, enforce)',
      },
    ]);
    expect(await snapshotDatabase(db())).toBe(before);
  });

  it('writes the version and its activity entry together, or neither', async () => {
    const org = await seedDrafts();
    // A failure in the last step, the activity append, must take the version back with it.
    await db().$executeRawUnsafe(`
      CREATE FUNCTION refuse_activity() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'simulated crash while recording the publish'; END $$`);
    await db().$executeRawUnsafe(`
      CREATE TRIGGER refuse_activity BEFORE INSERT ON activity_log
      FOR EACH ROW EXECUTE FUNCTION refuse_activity()`);
    const before = await snapshotDatabase(db());
    await expect(
      publishPolicy({ db: db(), actor: org.admin.actor, input: { message: 'Doomed' } }),
    ).rejects.toThrow(/simulated crash/);
    expect(await db().policyVersion.count({ where: { orgId: org.orgId } })).toBe(0);
    expect(await snapshotDatabase(db())).toBe(before);
    await db().$executeRawUnsafe('DROP TRIGGER refuse_activity ON activity_log');
    const published = await publishPolicy({
      db: db(),
      actor: org.admin.actor,
      input: { message: 'Now it works' },
    });
    expect(published.version).toBe(1);
  });

  it('refuses to publish drafts saved after they were checked, or other than those reviewed', async () => {
    const org = await seedDrafts();
    await expectAppError(
      publishPolicy({
        db: db(),
        actor: org.admin.actor,
        input: {
          message: 'Reviewed revision 0',
          expectedRevisions: [{ layer: 'baseline', revision: 0 }],
        },
      }),
      'STALE_REVISION',
    );
    // A save landing between the check and the write: simulated by a trigger that bumps a
    // draft's revision when the publish takes its version number.
    await db().$executeRawUnsafe(`
      CREATE FUNCTION save_meanwhile() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.last_policy_version <> OLD.last_policy_version THEN
          UPDATE policy_documents SET revision = revision + 1
          WHERE org_id = NEW.id AND layer = 'baseline';
        END IF;
        RETURN NEW;
      END $$`);
    await db().$executeRawUnsafe(`
      CREATE TRIGGER save_meanwhile BEFORE UPDATE ON organizations
      FOR EACH ROW EXECUTE FUNCTION save_meanwhile()`);
    const before = await snapshotDatabase(db());
    const stale = await expectAppError(
      publishPolicy({
        db: db(),
        actor: org.admin.actor,
        input: {
          message: 'Raced',
          expectedRevisions: [{ layer: 'baseline', revision: 1 }],
        },
      }),
      'STALE_REVISION',
    );
    expect(stale.message).toContain('nothing was published');
    expect(await snapshotDatabase(db())).toBe(before);
  });

  it('takes a never-saved guardrails document as revision 0 of what was reviewed, as the console shows it', async () => {
    const org = await seedOrg({ prisma: db() });
    await savePolicyDraft({
      db: db(),
      actor: org.owner.actor,
      input: { layer: 'baseline', source: baseline },
    });
    const published = await publishPolicy({
      db: db(),
      actor: org.admin.actor,
      input: {
        message: 'Reviewed as shown',
        expectedRevisions: [
          { layer: 'guardrails', revision: 0 },
          { layer: 'baseline', revision: 1 },
        ],
      },
    });
    expect(published.version).toBe(1);
    await expectAppError(
      publishPolicy({
        db: db(),
        actor: org.admin.actor,
        input: {
          message: 'A group that is gone',
          expectedRevisions: [{ layer: 'group:gone', revision: 0 }],
        },
      }),
      'STALE_REVISION',
    );
  });

  it('numbers concurrent publishes one after the other, without gaps', async () => {
    const org = await seedDrafts();
    const results = await Promise.all(
      ['one', 'two', 'three'].map((message) =>
        publishPolicy({ db: db(), actor: org.admin.actor, input: { message } }),
      ),
    );
    expect(results.map((result) => result.version).sort()).toEqual([1, 2, 3]);
    const entries = await db().activityLogEntry.findMany({
      where: { orgId: org.orgId, action: 'policy.published' },
      select: { target: true },
    });
    expect(entries.map((entry) => entry.target).sort()).toEqual(['v1', 'v2', 'v3']);
  });

  it('refuses auditors and bad messages; another org publishes only its own drafts', async () => {
    const org = await seedDrafts();
    const other = await seedOrg({ prisma: db() });
    const before = await snapshotDatabase(db());
    await expectAppError(
      publishPolicy({ db: db(), actor: org.auditor.actor, input: { message: 'No' } }),
      'FORBIDDEN',
    );
    for (const message of ['', '   ', 'x'.repeat(501), 'line\nbreak', 'rtl\u202Eoverride']) {
      await expectAppError(
        publishPolicy({ db: db(), actor: org.admin.actor, input: { message } }),
        'INVALID_INPUT',
      );
    }
    await expectAppError(
      publishPolicy({ db: db(), actor: org.admin.actor, input: {} as never }),
      'INVALID_INPUT',
    );
    expect(await snapshotDatabase(db())).toBe(before);
    const theirs = await publishPolicy({
      db: db(),
      actor: other.admin.actor,
      input: { message: 'Empty policy' },
    });
    expect(theirs.version).toBe(1);
    expect(await db().policyVersion.count({ where: { orgId: org.orgId } })).toBe(0);
    const row = await db().policyVersion.findFirstOrThrow({ where: { orgId: other.orgId } });
    expect(row.documents).toEqual([
      { layer: 'guardrails', format: 'yaml', source: '', revision: 0 },
      { layer: 'baseline', format: 'yaml', source: '', revision: 0 },
    ]);
  });
});

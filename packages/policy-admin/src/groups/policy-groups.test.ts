import {
  expectAppError,
  type SeededOrg,
  seedOrg,
  setupTestDatabase,
  snapshotDatabase,
} from '@parapet/accounts/testing';
import { describe, expect, it } from 'vitest';
import { createPolicyGroup } from './create-policy-group';
import { deletePolicyGroup } from './delete-policy-group';
import { listPolicyGroups } from './list-policy-groups';
import { updatePolicyGroup } from './update-policy-group';

const db = setupTestDatabase();

async function addPerson(org: SeededOrg, groupName: string, email: string, active = true) {
  const group = await db().policyGroup.findFirstOrThrow({
    where: { orgId: org.orgId, name: groupName },
  });
  const person = await db().person.create({ data: { orgId: org.orgId, email, active } });
  await db().personGroup.create({
    data: { orgId: org.orgId, personId: person.id, groupId: group.id },
  });
}

describe('policy groups', () => {
  it('creates a group with an empty draft, lists it with member counts, and records it', async () => {
    const org = await seedOrg({ prisma: db() });
    const created = await createPolicyGroup({
      db: db(),
      actor: org.admin.actor,
      input: { name: 'engineering', description: 'Builds things' },
    });
    expect(created).toMatchObject({ name: 'engineering', description: 'Builds things' });
    await createPolicyGroup({ db: db(), actor: org.owner.actor, input: { name: 'a-b' } });
    await createPolicyGroup({ db: db(), actor: org.owner.actor, input: { name: 'ab' } });
    await addPerson(org, 'engineering', 'ada@example.test');
    await addPerson(org, 'engineering', 'bob@example.test', false);
    const rows = await listPolicyGroups({ db: db(), actor: org.auditor.actor });
    expect(rows.map((row) => row.name)).toEqual(['a-b', 'ab', 'engineering']);
    expect(rows[2]).toMatchObject({
      description: 'Builds things',
      members: 2,
      activeMembers: 1,
      draftRevision: 0,
    });
    const document = await db().policyDocument.findFirstOrThrow({
      where: { orgId: org.orgId, layer: 'group:engineering' },
    });
    expect(document).toMatchObject({ source: '', revision: 0, groupId: created.id });
    const entry = await db().activityLogEntry.findFirstOrThrow({
      where: { orgId: org.orgId, action: 'policy.group_created', target: 'engineering' },
    });
    expect(entry.actorEmail).toBe(org.admin.actor.email);
  });

  it('changes a description and deletes a group with its document and memberships', async () => {
    const org = await seedOrg({ prisma: db() });
    await createPolicyGroup({ db: db(), actor: org.admin.actor, input: { name: 'finance' } });
    await addPerson(org, 'finance', 'cy@example.test');
    await updatePolicyGroup({
      db: db(),
      actor: org.admin.actor,
      input: { name: 'finance', description: '  Pays  ' },
    });
    expect(
      await db().policyGroup.findFirst({ where: { orgId: org.orgId, name: 'finance' } }),
    ).toMatchObject({ description: 'Pays' });
    expect(
      await deletePolicyGroup({ db: db(), actor: org.owner.actor, input: { name: 'finance' } }),
    ).toEqual({ name: 'finance', members: 1 });
    expect(await db().policyGroup.count({ where: { orgId: org.orgId } })).toBe(0);
    expect(await db().policyDocument.count({ where: { orgId: org.orgId } })).toBe(0);
    expect(await db().personGroup.count({ where: { orgId: org.orgId } })).toBe(0);
    expect(await db().person.count({ where: { orgId: org.orgId } })).toBe(1);
    const actions = await db().activityLogEntry.findMany({
      where: { orgId: org.orgId },
      orderBy: { seq: 'asc' },
      select: { action: true },
    });
    expect(actions.map((entry) => entry.action)).toEqual([
      'policy.group_created',
      'policy.group_updated',
      'policy.group_deleted',
    ]);
  });

  it('refuses auditors, another org, duplicates, unknown groups and bad input, changing nothing', async () => {
    const org = await seedOrg({ prisma: db() });
    const other = await seedOrg({ prisma: db() });
    await createPolicyGroup({ db: db(), actor: org.admin.actor, input: { name: 'ops' } });
    const before = await snapshotDatabase(db());
    const auditor = org.auditor.actor;
    await expectAppError(
      createPolicyGroup({ db: db(), actor: auditor, input: { name: 'x' } }),
      'FORBIDDEN',
    );
    await expectAppError(
      updatePolicyGroup({ db: db(), actor: auditor, input: { name: 'ops', description: 'd' } }),
      'FORBIDDEN',
    );
    await expectAppError(
      deletePolicyGroup({ db: db(), actor: auditor, input: { name: 'ops' } }),
      'FORBIDDEN',
    );
    await expectAppError(
      createPolicyGroup({ db: db(), actor: org.admin.actor, input: { name: 'ops' } }),
      'CONFLICT',
    );
    for (const actor of [other.owner.actor]) {
      await expectAppError(
        updatePolicyGroup({ db: db(), actor, input: { name: 'ops', description: 'mine' } }),
        'NOT_FOUND',
      );
      await expectAppError(
        deletePolicyGroup({ db: db(), actor, input: { name: 'ops' } }),
        'NOT_FOUND',
      );
    }
    expect(await listPolicyGroups({ db: db(), actor: other.owner.actor })).toEqual([]);
    for (const input of [
      { name: 'Ops' },
      { name: '-ops' },
      { name: 'ops2', description: 'evil\u202Etxt' },
      { name: 'ops3', description: 'two\nlines' },
      { name: 'ops4', description: 'x'.repeat(501) },
      { name: 'ops5', extra: true },
    ]) {
      await expectAppError(
        createPolicyGroup({ db: db(), actor: org.admin.actor, input: input as never }),
        'INVALID_INPUT',
      );
    }
    expect(await snapshotDatabase(db())).toBe(before);
  });
});

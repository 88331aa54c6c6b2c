import { inOrgTransaction } from '@parapet/accounts';
import { seedOrg, setupTestDatabase } from '@parapet/accounts/testing';
import { describe, expect, it } from 'vitest';
import { recomputeDirectoryPolicyGroups } from './recompute-directory-policy-groups';

const db = setupTestDatabase();

/** An org with policy groups, a directory with two SCIM groups and three people. */
async function seedWorld() {
  const org = await seedOrg({ prisma: db() });
  const orgId = org.orgId;
  const policy = Object.fromEntries(
    await Promise.all(
      ['eng', 'ops', 'finance'].map(async (name) => {
        const group = await db().policyGroup.create({ data: { orgId, name } });
        return [name, group.id] as const;
      }),
    ),
  ) as Record<'eng' | 'ops' | 'finance', string>;
  const directory = await db().directory.create({
    data: { orgId, name: 'Okta', tokenHash: `h-${orgId}`, tokenPrefix: 'pds_x' },
  });
  const scimGroup = (displayName: string) =>
    db().directoryGroup.create({ data: { orgId, directoryId: directory.id, displayName } });
  const engineers = await scimGroup('Engineers');
  const sre = await scimGroup('SRE');
  const person = (email: string) =>
    db().person.create({ data: { orgId, email, directoryId: directory.id, userName: email } });
  const [ada, bob, cy] = await Promise.all([
    person('ada@example.com'),
    person('bob@example.com'),
    person('cy@example.com'),
  ]);
  const map = (directoryGroupId: string, policyGroupId: string) =>
    db().directoryGroupMapping.create({ data: { orgId, directoryGroupId, policyGroupId } });
  await map(engineers.id, policy.eng);
  await map(sre.id, policy.eng);
  await map(sre.id, policy.ops);
  const recompute = (personIds: string[]) =>
    inOrgTransaction({ db: db(), orgId }, (tx) =>
      recomputeDirectoryPolicyGroups({ tx, orgId, personIds }),
    );
  const join = (groupId: string, personId: string) =>
    db().directoryGroupMember.create({ data: { orgId, groupId, personId } });
  return { org, orgId, policy, engineers, sre, ada, bob, cy, recompute, join };
}

async function rowsOf(personId: string) {
  const rows = await db().personGroup.findMany({
    where: { personId },
    select: { source: true, group: { select: { name: true } } },
  });
  return rows.map((row) => `${row.group.name}:${row.source}`).sort();
}

describe('recomputeDirectoryPolicyGroups', () => {
  it('grants the mapped policy groups of every SCIM group a person is in, for many people at once', async () => {
    const world = await seedWorld();
    await world.join(world.engineers.id, world.ada.id);
    await world.join(world.sre.id, world.ada.id);
    await world.join(world.sre.id, world.bob.id);
    const result = await world.recompute([world.ada.id, world.bob.id, world.cy.id]);
    expect(result).toEqual({ added: 4, removed: 0 });
    expect(await rowsOf(world.ada.id)).toEqual(['eng:directory', 'ops:directory']);
    expect(await rowsOf(world.bob.id)).toEqual(['eng:directory', 'ops:directory']);
    expect(await rowsOf(world.cy.id)).toEqual([]);
    // Running it again changes nothing.
    expect(await world.recompute([world.ada.id, world.bob.id])).toEqual({ added: 0, removed: 0 });
  });

  it('removes what a membership no longer grants, keeping groups another membership still maps', async () => {
    const world = await seedWorld();
    await world.join(world.engineers.id, world.ada.id);
    await world.join(world.sre.id, world.ada.id);
    await world.recompute([world.ada.id]);
    await db().directoryGroupMember.delete({
      where: { groupId_personId: { groupId: world.sre.id, personId: world.ada.id } },
    });
    expect(await world.recompute([world.ada.id])).toEqual({ added: 0, removed: 1 });
    expect(await rowsOf(world.ada.id)).toEqual(['eng:directory']);
  });

  it('never touches a manual row, even for a group the directory also grants or stops granting', async () => {
    const world = await seedWorld();
    const { orgId, ada, policy } = world;
    await db().personGroup.createMany({
      data: [
        { orgId, personId: ada.id, groupId: policy.eng, source: 'manual' },
        { orgId, personId: ada.id, groupId: policy.finance, source: 'manual' },
      ],
    });
    await world.join(world.sre.id, ada.id);
    expect(await world.recompute([ada.id])).toEqual({ added: 1, removed: 0 });
    expect(await rowsOf(ada.id)).toEqual(['eng:manual', 'finance:manual', 'ops:directory']);
    await db().directoryGroupMember.deleteMany({ where: { personId: ada.id } });
    expect(await world.recompute([ada.id])).toEqual({ added: 0, removed: 1 });
    expect(await rowsOf(ada.id)).toEqual(['eng:manual', 'finance:manual']);
  });

  it('leaves an inactive person no directory-derived group, and gives them back on reactivation', async () => {
    const world = await seedWorld();
    const { orgId, ada, policy } = world;
    await db().personGroup.create({
      data: { orgId, personId: ada.id, groupId: policy.finance, source: 'manual' },
    });
    await world.join(world.sre.id, ada.id);
    await world.recompute([ada.id]);
    await db().person.update({ where: { id: ada.id }, data: { active: false } });
    expect(await world.recompute([ada.id])).toEqual({ added: 0, removed: 2 });
    expect(await rowsOf(ada.id)).toEqual(['finance:manual']);
    await db().person.update({ where: { id: ada.id }, data: { active: true } });
    await world.recompute([ada.id]);
    expect(await rowsOf(ada.id)).toEqual(['eng:directory', 'finance:manual', 'ops:directory']);
  });

  it('follows a mapping change and reaches no person of another org', async () => {
    const world = await seedWorld();
    const other = await seedWorld();
    await world.join(world.engineers.id, world.ada.id);
    await other.join(other.engineers.id, other.ada.id);
    await world.recompute([world.ada.id]);
    await other.recompute([other.ada.id]);
    await db().directoryGroupMapping.create({
      data: {
        orgId: world.orgId,
        directoryGroupId: world.engineers.id,
        policyGroupId: world.policy.finance,
      },
    });
    // The other org's person id is passed too: the org scope keeps it out of reach.
    expect(await world.recompute([world.ada.id, other.ada.id])).toEqual({ added: 1, removed: 0 });
    expect(await rowsOf(world.ada.id)).toEqual(['eng:directory', 'finance:directory']);
    expect(await rowsOf(other.ada.id)).toEqual(['eng:directory']);
  });
});

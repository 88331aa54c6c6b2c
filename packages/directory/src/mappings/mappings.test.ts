import {
  expectAppError,
  seedOrg,
  setupTestDatabase,
  snapshotDatabase,
} from '@parapet/accounts/testing';
import { describe, expect, it } from 'vitest';
import { seedDirectoryWorld } from '../testing/seed-directory-world';
import { listDirectoryGroups } from './list-directory-groups';
import { setDirectoryGroupMapping } from './set-directory-group-mapping';

const db = setupTestDatabase();

async function groupsOf(personId: string) {
  const rows = await db().personGroup.findMany({
    where: { personId },
    select: { source: true, group: { select: { name: true } } },
  });
  return rows.map((row) => `${row.group.name}:${row.source}`).sort();
}

describe('IdP group → policy group mappings', () => {
  it('maps a SCIM group, recomputing its members at once, and replaces the mapping on the next set', async () => {
    const org = await seedOrg({ prisma: db() });
    const world = await seedDirectoryWorld({
      prisma: db(),
      orgId: org.orgId,
      scimGroups: ['Engineers', 'Sales'],
      people: ['ada@example.com', 'bob@example.com'],
    });
    const engineers = world.groups.get('Engineers') as string;
    const ada = world.people.get('ada@example.com') as string;
    const bob = world.people.get('bob@example.com') as string;
    await db().directoryGroupMember.createMany({
      data: [ada, bob].map((personId) => ({ orgId: org.orgId, groupId: engineers, personId })),
    });
    const input = { id: world.directory.id, groupId: engineers };
    const view = await setDirectoryGroupMapping({
      db: db(),
      actor: org.admin.actor,
      input: { ...input, policyGroups: ['ops', 'eng', 'eng'] },
    });
    expect(view).toMatchObject({
      displayName: 'Engineers',
      memberCount: 2,
      policyGroups: ['eng', 'ops'],
    });
    expect(await groupsOf(ada)).toEqual(['eng:directory', 'ops:directory']);
    await setDirectoryGroupMapping({
      db: db(),
      actor: org.owner.actor,
      input: { ...input, policyGroups: ['ops'] },
    });
    expect(await groupsOf(bob)).toEqual(['ops:directory']);
    const listed = await listDirectoryGroups({
      db: db(),
      actor: org.auditor.actor,
      input: { id: world.directory.id },
    });
    expect(
      listed.map(({ displayName, memberCount, policyGroups }) => ({
        displayName,
        memberCount,
        policyGroups,
      })),
    ).toEqual([
      { displayName: 'Engineers', memberCount: 2, policyGroups: ['ops'] },
      { displayName: 'Sales', memberCount: 0, policyGroups: [] },
    ]);
    await setDirectoryGroupMapping({
      db: db(),
      actor: org.admin.actor,
      input: { ...input, policyGroups: [] },
    });
    expect(await groupsOf(ada)).toEqual([]);
    const entries = await db().activityLogEntry.findMany({
      where: { orgId: org.orgId, action: 'directory.mapping_set' },
      orderBy: { seq: 'asc' },
    });
    expect(entries.map((entry) => entry.details)).toMatchObject([
      { policyGroups: { from: [], to: ['eng', 'ops'] }, members: 2, rowsAdded: 4 },
      { policyGroups: { from: ['eng', 'ops'], to: ['ops'] }, rowsRemoved: 2 },
      { policyGroups: { from: ['ops'], to: [] }, rowsRemoved: 2 },
    ]);
  });

  it('refuses auditors, unknown policy groups and other orgs’ groups, changing nothing', async () => {
    const org = await seedOrg({ prisma: db() });
    const other = await seedOrg({ prisma: db() });
    const world = await seedDirectoryWorld({ prisma: db(), orgId: org.orgId });
    const input = { id: world.directory.id, groupId: world.groups.get('Engineers') as string };
    const before = await snapshotDatabase(db());
    await expectAppError(
      setDirectoryGroupMapping({
        db: db(),
        actor: org.auditor.actor,
        input: { ...input, policyGroups: ['eng'] },
      }),
      'FORBIDDEN',
    );
    const unknown = await expectAppError(
      setDirectoryGroupMapping({
        db: db(),
        actor: org.admin.actor,
        input: { ...input, policyGroups: ['eng', 'nope'] },
      }),
      'INVALID_INPUT',
    );
    expect(unknown.fieldErrors?.policyGroups).toEqual(['There is no policy group named “nope”.']);
    await expectAppError(
      setDirectoryGroupMapping({
        db: db(),
        actor: org.admin.actor,
        input: { ...input, policyGroups: ['Not A Name'] },
      }),
      'INVALID_INPUT',
    );
    await expectAppError(
      setDirectoryGroupMapping({
        db: db(),
        actor: other.admin.actor,
        input: { ...input, policyGroups: [] },
      }),
      'NOT_FOUND',
    );
    await expectAppError(
      listDirectoryGroups({
        db: db(),
        actor: other.admin.actor,
        input: { id: world.directory.id },
      }),
      'NOT_FOUND',
    );
    expect(await snapshotDatabase(db())).toBe(before);
  });
});

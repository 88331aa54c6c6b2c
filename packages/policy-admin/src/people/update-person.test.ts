import {
  expectAppError,
  seedOrg,
  setupTestDatabase,
  snapshotDatabase,
} from '@parapet/accounts/testing';
import { describe, expect, it } from 'vitest';
import { seedPolicyGroups } from '../testing/seed-policy-groups';
import { createPerson } from './create-person';
import { updatePerson } from './update-person';

const db = setupTestDatabase();

async function seedPerson() {
  const org = await seedOrg({ prisma: db() });
  await seedPolicyGroups({ prisma: db(), orgId: org.orgId, names: ['eng', 'finance', 'ops'] });
  const person = await createPerson({
    db: db(),
    actor: org.admin.actor,
    input: { email: 'ada@example.com', displayName: 'Ada', externalId: 'x1', groups: ['eng'] },
  });
  return { org, person };
}

describe('updatePerson', () => {
  it('changes only the fields given and records what changed', async () => {
    const { org, person } = await seedPerson();
    const updated = await updatePerson({
      db: db(),
      actor: org.admin.actor,
      input: { personId: person.id, displayName: 'Ada L.', groups: ['ops', 'finance'] },
    });
    expect(updated).toMatchObject({
      displayName: 'Ada L.',
      externalId: 'x1',
      active: true,
      groups: ['finance', 'ops'],
    });
    const entry = await db().activityLogEntry.findFirstOrThrow({
      where: { orgId: org.orgId, action: 'person.updated' },
    });
    expect(entry).toMatchObject({
      target: 'ada@example.com',
      details: {
        displayName: { from: 'Ada', to: 'Ada L.' },
        groups: { added: ['finance', 'ops'], removed: ['eng'] },
      },
    });
    expect(await db().personGroup.count()).toBe(2);
  });

  it('clears a display name and external id with null or blank, and reactivates', async () => {
    const { org, person } = await seedPerson();
    await db().person.update({ where: { id: person.id }, data: { active: false } });
    const updated = await updatePerson({
      db: db(),
      actor: org.owner.actor,
      input: { personId: person.id, displayName: null, externalId: ' ', active: 'true' },
    });
    expect(updated).toMatchObject({ displayName: null, externalId: null, active: true });
  });

  it('writes nothing when nothing changes', async () => {
    const { org, person } = await seedPerson();
    const before = await snapshotDatabase(db());
    const same = await updatePerson({
      db: db(),
      actor: org.admin.actor,
      input: { personId: person.id, displayName: 'Ada', groups: ['eng'], active: true },
    });
    expect(same.groups).toEqual(['eng']);
    expect(await snapshotDatabase(db())).toBe(before);
  });

  it('refuses auditors, other orgs, unknown groups, taken external ids and the email, changing nothing', async () => {
    const { org, person } = await seedPerson();
    const other = await seedOrg({ prisma: db() });
    await createPerson({
      db: db(),
      actor: org.admin.actor,
      input: { email: 'bob@example.com', externalId: 'x2' },
    });
    const before = await snapshotDatabase(db());
    await expectAppError(
      updatePerson({ db: db(), actor: org.auditor.actor, input: { personId: person.id } }),
      'FORBIDDEN',
    );
    await expectAppError(
      updatePerson({
        db: db(),
        actor: other.owner.actor,
        input: { personId: person.id, displayName: 'Mallory' },
      }),
      'NOT_FOUND',
    );
    const unknown = await expectAppError(
      updatePerson({
        db: db(),
        actor: org.admin.actor,
        input: { personId: person.id, groups: ['eng', 'nope'] },
      }),
      'INVALID_INPUT',
    );
    expect(unknown.fieldErrors?.groups).toEqual(['There is no group named "nope".']);
    await expectAppError(
      updatePerson({
        db: db(),
        actor: org.admin.actor,
        input: { personId: person.id, externalId: 'x2' },
      }),
      'CONFLICT',
    );
    await expectAppError(
      updatePerson({
        db: db(),
        actor: org.admin.actor,
        input: { personId: person.id, email: 'new@example.com' } as never,
      }),
      'INVALID_INPUT',
    );
    await expectAppError(
      updatePerson({ db: db(), actor: org.admin.actor, input: { personId: 'nope' } }),
      'INVALID_INPUT',
    );
    expect(await snapshotDatabase(db())).toBe(before);
  });

  it('keeps groups held through a directory: a hand edit neither removes them nor loses access', async () => {
    const { org, person } = await seedPerson();
    const orgId = org.orgId;
    const groupId = async (name: string) =>
      (await db().policyGroup.findFirstOrThrow({ where: { orgId, name } })).id;
    const directory = await db().directory.create({
      data: { orgId, name: 'Okta', tokenHash: `h-${orgId}`, tokenPrefix: 'pds_x' },
    });
    const scim = await db().directoryGroup.create({
      data: { orgId, directoryId: directory.id, displayName: 'Engineers' },
    });
    await db().directoryGroupMember.create({
      data: { orgId, groupId: scim.id, personId: person.id },
    });
    // 'eng' is both by hand and mapped from Engineers; 'ops' comes from the directory only.
    for (const name of ['eng', 'ops']) {
      await db().directoryGroupMapping.create({
        data: { orgId, directoryGroupId: scim.id, policyGroupId: await groupId(name) },
      });
    }
    await db().personGroup.create({
      data: { orgId, personId: person.id, groupId: await groupId('ops'), source: 'directory' },
    });
    const updated = await updatePerson({
      db: db(),
      actor: org.admin.actor,
      input: { personId: person.id, groups: ['finance'] },
    });
    expect(updated.groups).toEqual(['eng', 'finance', 'ops']);
    expect(updated.directoryGroups).toEqual(['eng', 'ops']);
    const rows = await db().personGroup.findMany({
      where: { personId: person.id },
      select: { source: true, group: { select: { name: true } } },
    });
    expect(rows.map((row) => `${row.group.name}:${row.source}`).sort()).toEqual([
      'eng:directory',
      'finance:manual',
      'ops:directory',
    ]);
    const entry = await db().activityLogEntry.findFirstOrThrow({
      where: { orgId, action: 'person.updated' },
    });
    expect(entry.details).toMatchObject({ groups: { added: ['finance'], removed: ['eng'] } });
  });
});

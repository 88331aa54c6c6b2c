import { hashSecretToken } from '@parapet/accounts';
import {
  expectAppError,
  seedOrg,
  setupTestDatabase,
  snapshotDatabase,
} from '@parapet/accounts/testing';
import { describe, expect, it } from 'vitest';
import { setDirectoryGroupMapping } from '../mappings/set-directory-group-mapping';
import { seedDirectoryWorld } from '../testing/seed-directory-world';
import { createDirectory } from './create-directory';
import { deleteDirectory } from './delete-directory';
import { getDirectory, listDirectories } from './list-directories';
import { rotateDirectoryToken } from './rotate-directory-token';

const db = setupTestDatabase();
const origin = 'https://parapet.example.com';

describe('directory connections', () => {
  it('creates one with a token shown once: only its hash and prefix are kept, and the log names no token', async () => {
    const org = await seedOrg({ prisma: db() });
    const created = await createDirectory({
      db: db(),
      actor: org.owner.actor,
      input: { name: ' Okta ' },
      origin,
    });
    expect(created.name).toBe('Okta');
    expect(created.token).toMatch(/^pds_[A-Za-z0-9_-]{43}$/);
    expect(created.scimBaseUrl).toBe(`${origin}/scim/v2/${created.id}`);
    const row = await db().directory.findUniqueOrThrow({ where: { id: created.id } });
    expect(row).toMatchObject({
      orgId: org.orgId,
      tokenHash: hashSecretToken(created.token),
      tokenPrefix: created.token.slice(0, 12),
    });
    const entry = await db().activityLogEntry.findFirstOrThrow({
      where: { orgId: org.orgId, action: 'directory.created' },
    });
    expect(entry.target).toBe('Okta');
    expect(JSON.stringify(entry)).not.toContain(created.token);
    const [listed] = await listDirectories({ db: db(), actor: org.auditor.actor, origin });
    expect(listed).toMatchObject({
      id: created.id,
      name: 'Okta',
      scimBaseUrl: created.scimBaseUrl,
      tokenPrefix: created.token.slice(0, 12),
      requestCount: 0,
      errorCount: 0,
      lastSyncAt: null,
      userCount: 0,
      groupCount: 0,
    });
    expect(JSON.stringify(listed)).not.toContain(created.token);
  });

  it('lets only owners create, rotate and delete, and hides other orgs’ directories', async () => {
    const org = await seedOrg({ prisma: db() });
    const other = await seedOrg({ prisma: db() });
    const { id } = await createDirectory({
      db: db(),
      actor: org.owner.actor,
      input: { name: 'Entra' },
      origin,
    });
    const before = await snapshotDatabase(db());
    for (const actor of [org.admin.actor, org.auditor.actor]) {
      await expectAppError(
        createDirectory({ db: db(), actor, input: { name: 'x' }, origin }),
        'FORBIDDEN',
      );
      await expectAppError(rotateDirectoryToken({ db: db(), actor, input: { id } }), 'FORBIDDEN');
      await expectAppError(deleteDirectory({ db: db(), actor, input: { id } }), 'FORBIDDEN');
    }
    const stranger = other.owner.actor;
    await expectAppError(
      rotateDirectoryToken({ db: db(), actor: stranger, input: { id } }),
      'NOT_FOUND',
    );
    await expectAppError(
      deleteDirectory({ db: db(), actor: stranger, input: { id } }),
      'NOT_FOUND',
    );
    await expectAppError(
      getDirectory({ db: db(), actor: stranger, input: { id }, origin }),
      'NOT_FOUND',
    );
    expect(await listDirectories({ db: db(), actor: stranger, origin })).toEqual([]);
    await expectAppError(
      createDirectory({ db: db(), actor: org.owner.actor, input: { name: ' ' }, origin }),
      'INVALID_INPUT',
    );
    expect(await snapshotDatabase(db())).toBe(before);
  });

  it('rotates the token: the old hash is gone at once, the new token is returned once', async () => {
    const org = await seedOrg({ prisma: db() });
    const created = await createDirectory({
      db: db(),
      actor: org.owner.actor,
      input: { name: 'Okta' },
      origin,
    });
    const { token } = await rotateDirectoryToken({
      db: db(),
      actor: org.owner.actor,
      input: { id: created.id },
    });
    expect(token).not.toBe(created.token);
    expect(
      await db().directory.count({ where: { tokenHash: hashSecretToken(created.token) } }),
    ).toBe(0);
    const row = await db().directory.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.tokenHash).toBe(hashSecretToken(token));
    expect(row.tokenRotatedAt).not.toBeNull();
    const view = await getDirectory({
      db: db(),
      actor: org.admin.actor,
      input: { id: created.id },
      origin,
    });
    expect(view.tokenPrefix).toBe(token.slice(0, 12));
  });

  it('deletes one: its people stay, detached, with their hand-set groups and none of its groups', async () => {
    const org = await seedOrg({ prisma: db() });
    const world = await seedDirectoryWorld({
      prisma: db(),
      orgId: org.orgId,
      policyGroups: ['eng', 'ops', 'finance'],
    });
    const ada = world.people.get('ada@example.com') as string;
    const engineers = world.groups.get('Engineers') as string;
    await db().directoryGroupMember.create({
      data: { orgId: org.orgId, groupId: engineers, personId: ada },
    });
    await db().personGroup.create({
      data: { orgId: org.orgId, personId: ada, groupId: world.policy.get('finance') as string },
    });
    await setDirectoryGroupMapping({
      db: db(),
      actor: org.admin.actor,
      input: { id: world.directory.id, groupId: engineers, policyGroups: ['eng', 'ops'] },
    });
    const [listed] = await listDirectories({ db: db(), actor: org.owner.actor, origin });
    expect(listed).toMatchObject({ userCount: 1, groupCount: 1 });
    await deleteDirectory({ db: db(), actor: org.owner.actor, input: { id: world.directory.id } });
    const person = await db().person.findUniqueOrThrow({
      where: { id: ada },
      include: { groups: { include: { group: true } } },
    });
    expect(person).toMatchObject({ active: true, directoryId: null, userName: null });
    expect(person.groups.map((row) => `${row.group.name}:${row.source}`)).toEqual([
      'finance:manual',
    ]);
    expect(await db().directoryGroup.count({ where: { orgId: org.orgId } })).toBe(0);
    expect(await db().directoryGroupMapping.count({ where: { orgId: org.orgId } })).toBe(0);
    const entry = await db().activityLogEntry.findFirstOrThrow({
      where: { orgId: org.orgId, action: 'directory.deleted' },
    });
    expect(entry.details).toMatchObject({ peopleDetached: 1, groupsRemoved: 2 });
  });
});

import { setupTestDatabase } from '@parapet/accounts/testing';
import { getEffectivePolicy } from '@parapet/policy-admin';
import { describe, expect, it } from 'vitest';
import { setDirectoryGroupMapping } from '../mappings/set-directory-group-mapping';
import { scimTestClient, seedScimDirectory } from '../testing/scim-test-client';

// Groups and membership as Entra ID and Okta send them, and what membership means: the mapped
// policy group's rules in the person's effective policy at once, and none left after
// deprovisioning (manual groups included).

const db = setupTestDatabase();
const patchOp = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const groupSchema = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const patch = (...Operations: object[]) => ({ schemas: [patchOp], Operations });

async function seeded() {
  const seededDirectory = await seedScimDirectory({ db, name: 'Entra' });
  const { org, client } = seededDirectory;
  for (const [name, host] of [
    ['eng', 'registry.npmjs.org'],
    ['ops', 'pypi.org'],
  ] as const) {
    await db().policyGroup.create({
      data: {
        orgId: org.orgId,
        name,
        document: {
          create: {
            orgId: org.orgId,
            layer: `group:${name}`,
            source: `network:\n  rules:\n    - id: ${name}-rule\n      action: allow\n      hosts: [${host}]\n`,
          },
        },
      },
    });
  }
  const users: Record<string, string> = {};
  for (const name of ['ada', 'bob']) {
    const created = await client.send('POST', '/Users', {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      userName: `${name}@contoso.com`,
      emails: [{ value: `${name}@contoso.com`, primary: true, type: 'work' }],
      active: true,
    });
    users[name] = created.body.id as string;
  }
  const group = await client.send('POST', '/Groups', {
    schemas: [groupSchema],
    displayName: 'Engineers',
    externalId: 'e-1',
  });
  expect(group.status).toBe(201);
  const groupId = group.body.id as string;
  await setDirectoryGroupMapping({
    db: db(),
    actor: org.owner.actor,
    input: { id: client.directoryId, groupId, policyGroups: ['eng'] },
  });
  const ruleIds = async (email: string) => {
    const view = await getEffectivePolicy({
      db: db(),
      actor: org.owner.actor,
      input: { person: email, against: 'draft' },
    });
    return view.effectivePolicy.network.map((rule) => (rule as { id: string }).id).sort();
  };
  const policyGroupsOf = async (personId: string) =>
    (await db().personGroup.findMany({ where: { personId }, include: { group: true } }))
      .map((row) => `${row.group.name}:${row.source}`)
      .sort();
  return { ...seededDirectory, users, groupId, ruleIds, policyGroupsOf };
}

describe('SCIM groups', () => {
  it('turns membership changes into effective policy at once, and deprovisioning removes every group', async () => {
    const { client, users, groupId, ruleIds, policyGroupsOf, org } = await seeded();
    const ada = users.ada as string;
    const bob = users.bob as string;

    const added = await client.send(
      'PATCH',
      `/Groups/${groupId}`,
      patch({ op: 'Add', path: 'members', value: [{ value: ada }] }),
    );
    expect(added.status).toBe(200);
    expect(added.body.members).toEqual([expect.objectContaining({ value: ada, type: 'User' })]);
    expect(await ruleIds('ada@contoso.com')).toEqual(['eng-rule']);
    const adaAfterAdd = await client.send('GET', `/Users/${ada}`);
    expect(adaAfterAdd.body.groups).toEqual([
      expect.objectContaining({ value: groupId, display: 'Engineers' }),
    ]);
    expect(adaAfterAdd.body.meta).toMatchObject({ version: 'W/"2"' });

    // A member who is not a user of this directory refuses the whole PATCH.
    const refused = await client.send(
      'PATCH',
      `/Groups/${groupId}`,
      patch(
        { op: 'Add', path: 'members', value: [{ value: bob }] },
        { op: 'Add', path: 'members', value: [{ value: '0190c0de-0000-7000-8000-000000000000' }] },
      ),
    );
    expect(refused).toMatchObject({ status: 400, body: { scimType: 'invalidValue' } });
    expect(await db().directoryGroupMember.count({ where: { groupId } })).toBe(1);

    // Okta: replace the members with another list.
    await client.send(
      'PATCH',
      `/Groups/${groupId}`,
      patch({ op: 'replace', path: 'members', value: [{ value: bob }] }),
    );
    expect(await ruleIds('ada@contoso.com')).toEqual([]);
    expect(await ruleIds('bob@contoso.com')).toEqual(['eng-rule']);

    const put = await client.send('PUT', `/Groups/${groupId}`, {
      schemas: [groupSchema],
      displayName: 'Engineering',
      externalId: 'e-1',
      members: [{ value: ada }, { value: bob }],
    });
    expect(put).toMatchObject({ status: 200, body: { displayName: 'Engineering' } });
    expect(await ruleIds('ada@contoso.com')).toEqual(['eng-rule']);

    // Entra: remove one member through a value filter; removing an absent one changes nothing.
    await client.send(
      'PATCH',
      `/Groups/${groupId}`,
      patch({ op: 'Remove', path: `members[value eq "${bob}"]` }),
    );
    const again = await client.send(
      'PATCH',
      `/Groups/${groupId}`,
      patch({ op: 'Remove', path: `members[value eq "${bob}"]` }),
    );
    expect(again.status).toBe(200);
    expect(await ruleIds('bob@contoso.com')).toEqual([]);

    // A group set by hand, then deprovisioning with Entra's string boolean: out of everything.
    const ops = await db().policyGroup.findFirstOrThrow({
      where: { orgId: org.orgId, name: 'ops' },
    });
    await db().personGroup.create({
      data: { orgId: org.orgId, personId: ada, groupId: ops.id, source: 'manual' },
    });
    expect(await policyGroupsOf(ada)).toEqual(['eng:directory', 'ops:manual']);
    const versionBefore = (await db().directoryGroup.findUniqueOrThrow({ where: { id: groupId } }))
      .version;
    const disabled = await client.send(
      'PATCH',
      `/Users/${ada}`,
      patch({ op: 'Replace', path: 'active', value: 'False' }),
    );
    expect(disabled).toMatchObject({ status: 200, body: { active: false } });
    expect(disabled.body).not.toHaveProperty('groups');
    expect(await policyGroupsOf(ada)).toEqual([]);
    expect(await db().directoryGroupMember.count({ where: { personId: ada } })).toBe(0);
    expect((await db().directoryGroup.findUniqueOrThrow({ where: { id: groupId } })).version).toBe(
      versionBefore + 1,
    );
    expect(await ruleIds('ada@contoso.com')).toEqual([]);
    const event = await db().directoryEvent.findFirstOrThrow({
      where: { action: 'user.deprovisioned', resourceId: ada },
    });
    expect(event.summary).toContain('left 1 directory group(s) and 2 policy group(s)');

    // Reactivated, ada is back in what her directory groups map to once the IdP adds her again.
    await client.send(
      'PATCH',
      `/Users/${ada}`,
      patch({ op: 'Replace', path: 'active', value: 'True' }),
    );
    expect(await ruleIds('ada@contoso.com')).toEqual([]);
    await client.send(
      'PATCH',
      `/Groups/${groupId}`,
      patch({ op: 'Add', path: 'members', value: [{ value: ada }] }),
    );
    expect(await ruleIds('ada@contoso.com')).toEqual(['eng-rule']);

    // Entra removing a member, by value, from a group that has none left: nothing to do.
    const empty = await client.send('POST', '/Groups', {
      schemas: [groupSchema],
      displayName: 'Empty',
    });
    const removeFromEmpty = await client.send(
      'PATCH',
      `/Groups/${empty.body.id}`,
      patch({ op: 'Remove', path: 'members', value: [{ value: ada }] }),
    );
    expect(removeFromEmpty).toMatchObject({
      status: 200,
      body: { displayName: 'Empty', members: [] },
    });

    expect((await client.send('DELETE', `/Groups/${groupId}`)).status).toBe(204);
    expect(await ruleIds('ada@contoso.com')).toEqual([]);
    expect((await client.send('GET', `/Groups/${groupId}`)).status).toBe(404);
  });

  it('refuses a duplicate displayName, a group of another directory and a member of another directory', async () => {
    const { client, org, groupId, users } = await seeded();
    const duplicate = await client.send('POST', '/Groups', {
      schemas: [groupSchema],
      displayName: 'engineers',
    });
    expect(duplicate).toMatchObject({ status: 409, body: { scimType: 'uniqueness' } });
    const other = await seedScimDirectory({ db, name: 'Other' });
    const sameOrg = await db().directory.create({
      data: { orgId: org.orgId, name: 'Second', tokenHash: 'f'.repeat(64), tokenPrefix: 'pds_x' },
    });
    expect((await other.client.send('GET', `/Groups/${groupId}`)).status).toBe(404);
    const member = await other.client.send('POST', '/Groups', {
      schemas: [groupSchema],
      displayName: 'x',
      members: [{ value: users.ada }],
    });
    expect(member).toMatchObject({ status: 400, body: { scimType: 'invalidValue' } });
    // This directory's token at a second directory of the same org is refused too.
    const wrong = scimTestClient({ db, directoryId: sameOrg.id, token: client.token });
    expect((await wrong.send('GET', '/Groups')).status).toBe(401);
  });
});

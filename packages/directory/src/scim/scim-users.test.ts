import { setupTestDatabase } from '@parapet/accounts/testing';
import { describe, expect, it } from 'vitest';
import { createDirectory } from '../directories/create-directory';
import { scimTestClient, scimTestOrigin, seedScimDirectory } from '../testing/scim-test-client';

// Users as Okta and Entra ID provision them, through the SCIM request handler, against a real
// database: the request shapes are copied from what those identity providers send.

const db = setupTestDatabase();
const userSchema = 'urn:ietf:params:scim:schemas:core:2.0:User';
const enterprise = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const patchOp = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

const oktaUser = (userName: string) => ({
  schemas: [userSchema],
  userName,
  name: { givenName: 'Ada', familyName: 'Lovelace' },
  emails: [{ primary: true, value: userName, type: 'work' }],
  displayName: 'Ada Lovelace',
  locale: 'en-US',
  externalId: '00u1abcd',
  groups: [],
  password: 'never-stored-1!',
  active: true,
});

describe('SCIM users, Okta-shaped', () => {
  it('looks up, creates, reads, deactivates and reactivates a user as Okta does', async () => {
    const { client, org } = await seedScimDirectory({ db });
    const lookup = await client.send(
      'GET',
      `/Users?filter=${encodeURIComponent('userName eq "Ada@Example.com"')}&startIndex=1&count=100`,
    );
    expect(lookup).toMatchObject({ status: 200, body: { totalResults: 0, Resources: [] } });

    const created = await client.send('POST', '/Users', oktaUser('Ada@Example.com'));
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect(created.headers.Location).toBe(
      `https://parapet.example.com/scim/v2/${client.directoryId}/Users/${id}`,
    );
    expect(created.headers['Content-Type']).toBe('application/scim+json; charset=utf-8');
    expect(created.headers.ETag).toBe('W/"1"');
    expect(created.body).toMatchObject({
      schemas: [userSchema],
      userName: 'Ada@Example.com',
      externalId: '00u1abcd',
      active: true,
      name: { givenName: 'Ada', familyName: 'Lovelace' },
      meta: { resourceType: 'User', version: 'W/"1"' },
    });
    expect(created.body).not.toHaveProperty('password');
    const person = await db().person.findUniqueOrThrow({ where: { id } });
    expect(person).toMatchObject({
      orgId: org.orgId,
      email: 'ada@example.com',
      userName: 'ada@example.com',
      displayName: 'Ada Lovelace',
      active: true,
    });

    const found = await client.send(
      'GET',
      `/Users?filter=${encodeURIComponent('userName eq "ada@example.COM"')}`,
    );
    expect(found.body).toMatchObject({ totalResults: 1, itemsPerPage: 1, startIndex: 1 });
    expect((found.body.Resources as { id: string }[])[0]?.id).toBe(id);

    const duplicate = await client.send('POST', '/Users', oktaUser('ADA@example.com'));
    expect(duplicate).toMatchObject({
      status: 409,
      body: { scimType: 'uniqueness', status: '409' },
    });

    const deactivated = await client.send('PATCH', `/Users/${id}`, {
      schemas: [patchOp],
      Operations: [{ op: 'replace', value: { active: false } }],
    });
    expect(deactivated).toMatchObject({
      status: 200,
      body: { active: false, meta: { version: 'W/"2"' } },
    });
    expect((await db().person.findUniqueOrThrow({ where: { id } })).active).toBe(false);

    const reactivated = await client.send('PUT', `/Users/${id}`, {
      ...oktaUser('Ada@Example.com'),
      active: true,
    });
    expect(reactivated).toMatchObject({ status: 200, body: { active: true } });

    const events = await db().directoryEvent.findMany({
      where: { directoryId: client.directoryId },
      orderBy: { at: 'asc' },
    });
    expect(events.map((event) => [event.action, event.outcome])).toEqual([
      ['user.created', 'ok'],
      ['request.refused', 'refused'],
      ['user.deprovisioned', 'ok'],
      ['user.updated', 'ok'],
    ]);
    expect(JSON.stringify(events)).not.toContain(client.token);
    const activity = await db().activityLogEntry.findMany({
      where: { orgId: org.orgId },
      select: { action: true },
    });
    expect(activity.map((entry) => entry.action)).toEqual(
      expect.arrayContaining([
        'directory.user_provisioned',
        'directory.user_deprovisioned',
        'directory.user_reactivated',
      ]),
    );
    const directory = await db().directory.findUniqueOrThrow({ where: { id: client.directoryId } });
    expect(directory.errorCount).toBe(1);
    expect(directory.requestCount).toBeGreaterThanOrEqual(6);
    expect(directory.lastSyncAt).not.toBeNull();
  });
});

describe('SCIM users, Entra-shaped', () => {
  it('creates with the enterprise extension and applies Entra PATCH operations', async () => {
    const { client } = await seedScimDirectory({ db, name: 'Entra' });
    const created = await client.send('POST', '/Users', {
      schemas: [userSchema, enterprise],
      externalId: 'b1c2',
      userName: 'grace@contoso.com',
      active: true,
      displayName: 'Grace Hopper',
      emails: [{ primary: true, type: 'work', value: 'grace@contoso.com' }],
      meta: { resourceType: 'User' },
      name: { formatted: 'Grace Hopper', familyName: 'Hopper', givenName: 'Grace' },
      roles: [],
      [enterprise]: { department: 'Navy', employeeNumber: '42', manager: { value: 'm-1' } },
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect(created.body.schemas).toEqual([userSchema, enterprise]);
    expect(created.body[enterprise]).toEqual({
      department: 'Navy',
      employeeNumber: '42',
      manager: { value: 'm-1' },
    });

    const patched = await client.send('PATCH', `/Users/${id}`, {
      schemas: [patchOp],
      Operations: [
        { op: 'Replace', path: 'displayName', value: 'Rear Admiral Hopper' },
        { op: 'Replace', path: 'emails[type eq "work"].value', value: 'GHopper@contoso.com' },
        { op: 'Add', path: `${enterprise}:department`, value: 'Computing' },
        { op: 'Replace', path: 'name.givenName', value: 'Grace B.' },
        { op: 'Remove', path: `${enterprise}:manager` },
        {
          op: 'Add',
          path: 'roles',
          value: [{ primary: 'False', type: 'WindowsAzureActiveDirectoryRole', value: 'Admin' }],
        },
      ],
    });
    expect(patched.body.roles).toEqual([
      { primary: false, type: 'WindowsAzureActiveDirectoryRole', value: 'Admin' },
    ]);
    // Entra sends the manager as a bare id.
    const managed = await client.send('PATCH', `/Users/${id}`, {
      schemas: [patchOp],
      Operations: [{ op: 'Add', path: `${enterprise}:manager`, value: 'mgr-7' }],
    });
    expect(managed).toMatchObject({
      status: 200,
      body: { [enterprise]: { manager: { value: 'mgr-7' } } },
    });
    await client.send('PATCH', `/Users/${id}`, {
      schemas: [patchOp],
      Operations: [{ op: 'Remove', path: `${enterprise}:manager` }],
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      displayName: 'Rear Admiral Hopper',
      emails: [{ value: 'GHopper@contoso.com', type: 'work', primary: true }],
      name: { givenName: 'Grace B.', familyName: 'Hopper' },
      [enterprise]: { department: 'Computing', employeeNumber: '42' },
    });
    expect(patched.body[enterprise]).not.toHaveProperty('manager');
    expect((await db().person.findUniqueOrThrow({ where: { id } })).email).toBe(
      'ghopper@contoso.com',
    );

    const disabled = await client.send('PATCH', `/Users/${id}`, {
      schemas: [patchOp],
      Operations: [{ op: 'Replace', path: 'active', value: 'False' }],
    });
    expect(disabled).toMatchObject({ status: 200, body: { active: false } });
    const enabled = await client.send('PATCH', `/Users/${id}`, {
      schemas: [patchOp],
      Operations: [{ op: 'Replace', path: 'active', value: 'True' }],
    });
    expect(enabled).toMatchObject({ status: 200, body: { active: true } });

    const deleted = await client.send('DELETE', `/Users/${id}`);
    expect(deleted.status).toBe(204);
    expect((await client.send('GET', `/Users/${id}`)).status).toBe(404);
    const kept = await db().person.findUniqueOrThrow({ where: { id } });
    expect(kept).toMatchObject({
      active: false,
      directoryId: null,
      userName: null,
      externalId: null,
    });
    expect(kept.scimAttributes).toMatchObject({
      deleted: { directoryId: client.directoryId, userName: 'grace@contoso.com' },
    });

    // The same email provisioned again adopts the kept person rather than making a second one.
    const again = await client.send('POST', '/Users', {
      schemas: [userSchema],
      userName: 'ghopper@contoso.com',
      emails: [{ value: 'ghopper@contoso.com', primary: true }],
    });
    expect(again).toMatchObject({ status: 201, body: { id, active: true } });
    const adoption = await db().directoryEvent.findFirstOrThrow({
      where: { directoryId: client.directoryId, action: 'user.created', resourceId: id },
      orderBy: { at: 'desc' },
    });
    expect(adoption.summary).toContain('Adopted');
  });

  it('adopts a person added by hand with the same email, externalId included, and keeps their groups', async () => {
    const { client, org } = await seedScimDirectory({ db, name: 'Okta' });
    const group = await db().policyGroup.create({ data: { orgId: org.orgId, name: 'eng' } });
    const byHand = await db().person.create({
      data: {
        orgId: org.orgId,
        email: 'lin@example.com',
        externalId: '00u9',
        groups: { create: { orgId: org.orgId, groupId: group.id } },
      },
    });
    const adopted = await client.send('POST', '/Users', {
      ...oktaUser('Lin@example.com'),
      externalId: '00u9',
    });
    expect(adopted).toMatchObject({
      status: 201,
      body: { id: byHand.id, externalId: '00u9', userName: 'Lin@example.com' },
    });
    expect(await db().personGroup.count({ where: { personId: byHand.id } })).toBe(1);
    // The same person offered by a second directory of the org is refused, not taken over.
    const second = await createDirectory({
      db: db(),
      actor: org.owner.actor,
      input: { name: 'Second' },
      origin: scimTestOrigin,
    });
    const secondClient = scimTestClient({ db, directoryId: second.id, token: second.token });
    const taken = await secondClient.send('POST', '/Users', oktaUser('lin@example.com'));
    expect(taken).toMatchObject({ status: 409, body: { scimType: 'uniqueness' } });
  });
});

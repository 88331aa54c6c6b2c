import { setupTestDatabase } from '@parapet/accounts/testing';
import { describe, expect, it } from 'vitest';
import { seedScimDirectory } from '../testing/scim-test-client';
import { seedScimPeople } from '../testing/seed-scim-people';

// Errors, ETags and discovery, table-driven: each row is a request and the status and
// scimType it must get.

const db = setupTestDatabase();
const userSchema = 'urn:ietf:params:scim:schemas:core:2.0:User';
const patchOp = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const seeded = () => seedScimPeople(db);

describe('SCIM errors, ETags and discovery', () => {
  it('answers each error with its status and scimType, and honours If-Match and If-None-Match', async () => {
    const { client, ids } = await seeded();
    const alice = `/Users/${ids.alice}`;
    const rows: [string, string, unknown, number, string | undefined][] = [
      ['GET', '/Users/0190c0de-0000-7000-8000-000000000000', undefined, 404, undefined],
      ['GET', '/Users/nope', undefined, 404, undefined],
      ['GET', '/Nope', undefined, 404, undefined],
      ['DELETE', '/Users', undefined, 405, undefined],
      ['GET', '/Bulk', undefined, 501, undefined],
      ['GET', '/Me', undefined, 501, undefined],
      ['POST', '/Users', { schemas: [userSchema] }, 400, 'invalidValue'],
      [
        'POST',
        '/Users',
        { schemas: [userSchema], userName: 'x', active: 'maybe' },
        400,
        'invalidValue',
      ],
      [
        'POST',
        '/Users',
        { schemas: [userSchema], userName: 'x', emails: [{ value: 'not an email' }] },
        400,
        'invalidValue',
      ],
      [
        'POST',
        '/Users',
        { schemas: [userSchema], userName: 'x', name: 'flat' },
        400,
        'invalidValue',
      ],
      ['POST', '/Users', '[1,2]', 400, 'invalidSyntax'],
      ['POST', '/Users', 'not json', 400, 'invalidSyntax'],
      [
        'POST',
        '/Users',
        { schemas: [userSchema], userName: 'ALICE@example.com' },
        409,
        'uniqueness',
      ],
      [
        'POST',
        '/Users',
        { schemas: [userSchema], userName: 'other', emails: [{ value: 'bob@example.com' }] },
        409,
        'uniqueness',
      ],
      [
        'POST',
        '/Users',
        { schemas: [userSchema], userName: 'other', externalId: 'ext-1' },
        409,
        'uniqueness',
      ],
      ['PUT', alice, { schemas: [userSchema], userName: 'bob@example.com' }, 409, 'uniqueness'],
      ['PUT', alice, { schemas: [userSchema] }, 400, 'invalidValue'],
      [
        'PATCH',
        alice,
        { Operations: [{ op: 'replace', path: 'title', value: 'x' }] },
        400,
        'invalidSyntax',
      ],
      ['PATCH', alice, { schemas: [patchOp], Operations: [] }, 400, 'invalidSyntax'],
      [
        'PATCH',
        alice,
        { schemas: [patchOp], Operations: [{ op: 'move', path: 'title' }] },
        400,
        'invalidSyntax',
      ],
      ['PATCH', alice, { schemas: [patchOp], Operations: [{ op: 'remove' }] }, 400, 'noTarget'],
      [
        'PATCH',
        alice,
        { schemas: [patchOp], Operations: [{ op: 'replace', path: 'nosuch', value: 1 }] },
        400,
        'invalidPath',
      ],
      [
        'PATCH',
        alice,
        { schemas: [patchOp], Operations: [{ op: 'replace', path: 'name.nosuch', value: 1 }] },
        400,
        'invalidPath',
      ],
      [
        'PATCH',
        alice,
        { schemas: [patchOp], Operations: [{ op: 'replace', path: 'id', value: 'x' }] },
        400,
        'mutability',
      ],
      [
        'PATCH',
        alice,
        {
          schemas: [patchOp],
          Operations: [{ op: 'add', path: 'groups', value: [{ value: 'x' }] }],
        },
        400,
        'mutability',
      ],
      [
        'PATCH',
        alice,
        { schemas: [patchOp], Operations: [{ op: 'replace', path: 'active', value: 'nope' }] },
        400,
        'invalidValue',
      ],
      [
        'PATCH',
        alice,
        {
          schemas: [patchOp],
          Operations: Array.from({ length: 1_001 }, () => ({
            op: 'add',
            path: 'title',
            value: 'x',
          })),
        },
        400,
        'tooMany',
      ],
      ['POST', '/Groups', { displayName: 'g', members: [{ value: 'nope' }] }, 400, 'invalidValue'],
      ['POST', '/Groups', { members: [] }, 400, 'invalidValue'],
    ];
    for (const [method, path, body, status, scimType] of rows) {
      const answer = await client.send(method, path, body);
      const label = `${method} ${path} ${JSON.stringify(body)?.slice(0, 80)}`;
      expect(answer.status, label).toBe(status);
      expect(answer.body, label).toMatchObject({
        schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
        status: String(status),
        ...(scimType ? { scimType } : {}),
      });
      expect(answer.headers['Content-Type'], label).toBe('application/scim+json; charset=utf-8');
    }
    const unchanged = await client.send('GET', alice);
    expect(unchanged.body).toMatchObject({
      userName: 'alice@example.com',
      title: 'Engineer',
      meta: { version: 'W/"1"' },
    });

    const etag = unchanged.headers.ETag as string;
    expect((await client.send('GET', alice, undefined, { 'If-None-Match': etag })).status).toBe(
      304,
    );
    expect((await client.send('GET', alice, undefined, { 'If-None-Match': 'W/"99"' })).status).toBe(
      200,
    );
    const stale = await client.send(
      'PATCH',
      alice,
      { schemas: [patchOp], Operations: [{ op: 'replace', path: 'title', value: 'CTO' }] },
      { 'If-Match': 'W/"99"' },
    );
    expect(stale).toMatchObject({ status: 412, body: { status: '412' } });
    const fresh = await client.send(
      'PATCH',
      alice,
      { schemas: [patchOp], Operations: [{ op: 'replace', path: 'title', value: 'CTO' }] },
      { 'If-Match': etag },
    );
    expect(fresh).toMatchObject({
      status: 200,
      headers: { ETag: 'W/"2"' },
      body: { title: 'CTO' },
    });
    expect(
      (
        await client.send(
          'PUT',
          alice,
          { schemas: [userSchema], userName: 'alice@example.com' },
          { 'If-Match': etag },
        )
      ).status,
    ).toBe(412);
    expect((await client.send('DELETE', alice, undefined, { 'If-Match': etag })).status).toBe(412);
    expect((await client.send('DELETE', alice, undefined, { 'If-Match': '*' })).status).toBe(204);
  });

  it('describes what it supports', async () => {
    const { client } = await seedScimDirectory({ db });
    const config = await client.send('GET', '/ServiceProviderConfig');
    expect(config.body).toMatchObject({
      patch: { supported: true },
      bulk: { supported: false },
      filter: { supported: true, maxResults: 1000 },
      changePassword: { supported: false },
      sort: { supported: true },
      etag: { supported: true },
      authenticationSchemes: [expect.objectContaining({ type: 'oauthbearertoken' })],
    });
    const types = await client.send('GET', '/ResourceTypes');
    expect((types.body.Resources as { id: string }[]).map((t) => t.id)).toEqual(['User', 'Group']);
    expect((await client.send('GET', '/ResourceTypes/Group')).body).toMatchObject({
      endpoint: '/Groups',
      schema: 'urn:ietf:params:scim:schemas:core:2.0:Group',
    });
    const schemas = await client.send('GET', '/Schemas');
    expect((schemas.body.Resources as { id: string }[]).map((s) => s.id)).toEqual([
      userSchema,
      'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
      'urn:ietf:params:scim:schemas:core:2.0:Group',
    ]);
    const user = await client.send('GET', `/Schemas/${userSchema}`);
    const userName = (
      user.body.attributes as { name: string; uniqueness: string; caseExact: boolean }[]
    ).find((a) => a.name === 'userName');
    expect(userName).toMatchObject({ uniqueness: 'server', caseExact: false, required: true });
    expect((await client.send('GET', '/Schemas/urn:nope')).status).toBe(404);
    expect((await client.send('POST', '/ServiceProviderConfig', {})).status).toBe(405);
  });
});

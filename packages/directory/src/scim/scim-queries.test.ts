import { setupTestDatabase } from '@parapet/accounts/testing';
import { describe, expect, it } from 'vitest';
import { type ScimTestClient, seedScimDirectory } from '../testing/scim-test-client';

// Filters, paging, sorting, attribute selection, errors and ETags, table-driven: each row is
// [request, expected answer], all against one seeded directory per test.

const db = setupTestDatabase();
const userSchema = 'urn:ietf:params:scim:schemas:core:2.0:User';
const patchOp = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

const people = [
  {
    userName: 'alice@example.com',
    externalId: 'ext-1',
    displayName: 'Alice Adams',
    title: 'Engineer',
    active: true,
    emails: [
      { value: 'alice@example.com', type: 'work', primary: true },
      { value: 'alice@home.org', type: 'home' },
    ],
  },
  {
    userName: 'Bob@Example.com',
    externalId: 'EXT-2',
    displayName: 'bob builder',
    active: false,
    emails: [{ value: 'bob@example.com', type: 'work', primary: true }],
  },
  {
    userName: 'carol@other.org',
    displayName: 'Carol',
    active: true,
    emails: [{ value: 'carol@other.org', type: 'work' }],
  },
  { userName: 'dave', active: true },
];

async function seeded(): Promise<{ client: ScimTestClient; ids: Record<string, string> }> {
  const { client } = await seedScimDirectory({ db });
  const ids: Record<string, string> = {};
  for (const person of people) {
    const created = await client.send('POST', '/Users', { schemas: [userSchema], ...person });
    expect(created.status, person.userName).toBe(201);
    ids[person.userName.split('@')[0]?.toLowerCase() as string] = created.body.id as string;
  }
  return { client, ids };
}

const names = (body: Record<string, unknown>) =>
  ((body.Resources as { userName: string }[] | undefined) ?? []).map((r) =>
    r.userName.split('@')[0]?.toLowerCase(),
  );

describe('SCIM filters', () => {
  it('answers every operator, logical combination and attribute exactly', async () => {
    const { client, ids } = await seeded();
    const table: [string, string[]][] = [
      ['userName eq "ALICE@example.com"', ['alice']],
      ['USERNAME EQ "alice@example.com"', ['alice']],
      [`${userSchema}:userName eq "dave"`, ['dave']],
      ['userName ne "alice@example.com"', ['bob', 'carol', 'dave']],
      ['userName co "EXAMPLE"', ['alice', 'bob']],
      ['userName sw "b"', ['bob']],
      ['userName ew ".ORG"', ['carol']],
      ['userName pr', ['alice', 'bob', 'carol', 'dave']],
      ['title pr', ['alice']],
      ['userName gt "c"', ['carol', 'dave']],
      ['userName ge "carol@other.org"', ['carol', 'dave']],
      ['userName lt "b"', ['alice']],
      ['userName le "bob@example.com"', ['alice', 'bob']],
      ['externalId eq "ext-2"', []],
      ['externalId eq "EXT-2"', ['bob']],
      ['externalId pr', ['alice', 'bob']],
      ['emails.value eq "alice@home.org"', ['alice']],
      ['emails co "@other"', ['carol']],
      ['emails[type eq "work" and value co "bob"]', ['bob']],
      ['emails[type eq "home"]', ['alice']],
      ['emails[type eq "work"].value eq "alice@home.org"', []],
      ['emails[type eq "home"].value eq "alice@home.org"', ['alice']],
      ['displayName eq "BOB BUILDER"', ['bob']],
      ['displayName pr', ['alice', 'bob', 'carol']],
      ['active eq false', ['bob']],
      ['active eq true and userName sw "a"', ['alice']],
      ['not (active eq true)', ['bob']],
      ['userName sw "a" or userName sw "c"', ['alice', 'carol']],
      ['(userName sw "a" or userName sw "b") and active eq true', ['alice']],
      ['userName sw "a" or userName sw "b" and active eq true', ['alice']],
      ['meta.lastModified gt "2000-01-01T00:00:00Z"', ['alice', 'bob', 'carol', 'dave']],
      ['meta.created lt "2000-01-01T00:00:00Z"', []],
      [`id eq "${ids.carol}"`, ['carol']],
      ['id eq "not-an-id"', []],
      ['meta.resourceType eq "User" and not (emails pr)', ['dave']],
    ];
    for (const [filter, expected] of table) {
      const answer = await client.send(
        'GET',
        `/Users?filter=${encodeURIComponent(filter)}&sortBy=userName`,
      );
      expect(answer.status, filter).toBe(200);
      expect(names(answer.body), filter).toEqual(expected);
      expect(answer.body.totalResults, filter).toBe(expected.length);
    }
    const invalid = [
      'userName eq',
      'userName xx "a"',
      'nosuch eq "a"',
      'active gt true',
      'active eq "yes"',
      'meta.lastModified gt "not a date"',
      'emails[type eq "work"',
      '(userName eq "a"',
      'name eq "x"',
      'emails[type[value eq "x"] eq "y"]',
      'userName eq "a" garbage',
      'x'.repeat(2_001),
    ];
    for (const filter of invalid) {
      const answer = await client.send('GET', `/Users?filter=${encodeURIComponent(filter)}`);
      expect(answer, filter).toMatchObject({
        status: 400,
        body: { scimType: 'invalidFilter', status: '400' },
      });
    }
    const groups = await client.send(
      'GET',
      `/Groups?filter=${encodeURIComponent('displayName eq "none"')}`,
    );
    expect(groups.body).toMatchObject({ totalResults: 0, Resources: [] });
    const searched = await client.send('POST', '/Users/.search', {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:SearchRequest'],
      filter: 'emails.value ew "example.com"',
      sortBy: 'userName',
      sortOrder: 'descending',
      attributes: ['userName'],
    });
    expect(names(searched.body)).toEqual(['bob', 'alice']);
    expect(Object.keys((searched.body.Resources as object[])[0] as object).sort()).toEqual([
      'id',
      'schemas',
      'userName',
    ]);
  });
});

describe('SCIM paging, sorting and attributes', () => {
  it('pages, sorts and selects as RFC 7644 §3.4.2 says', async () => {
    const { client } = await seeded();
    const rows: [string, { names: string[]; total: number; startIndex: number }][] = [
      ['sortBy=userName&count=2', { names: ['alice', 'bob'], total: 4, startIndex: 1 }],
      [
        'sortBy=userName&count=2&startIndex=3',
        { names: ['carol', 'dave'], total: 4, startIndex: 3 },
      ],
      ['sortBy=userName&startIndex=0&count=1', { names: ['alice'], total: 4, startIndex: 1 }],
      ['sortBy=userName&count=0', { names: [], total: 4, startIndex: 1 }],
      ['sortBy=userName&count=-5', { names: [], total: 4, startIndex: 1 }],
      ['sortBy=userName&startIndex=9', { names: [], total: 4, startIndex: 9 }],
      [
        'sortBy=userName&sortOrder=descending',
        { names: ['dave', 'carol', 'bob', 'alice'], total: 4, startIndex: 1 },
      ],
      ['sortBy=displayName', { names: ['alice', 'bob', 'carol', 'dave'], total: 4, startIndex: 1 }],
      [
        'sortBy=displayName&sortOrder=descending',
        { names: ['carol', 'bob', 'alice', 'dave'], total: 4, startIndex: 1 },
      ],
      ['count=2&startIndex=2', { names: ['bob', 'carol'], total: 4, startIndex: 2 }],
      [
        `sortBy=emails.value&filter=${encodeURIComponent('active eq true')}`,
        { names: ['alice', 'carol', 'dave'], total: 3, startIndex: 1 },
      ],
    ];
    for (const [query, expected] of rows) {
      const answer = await client.send('GET', `/Users?${query}`);
      expect(answer.status, query).toBe(200);
      expect(names(answer.body), query).toEqual(expected.names);
      expect(answer.body, query).toMatchObject({
        schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
        totalResults: expected.total,
        startIndex: expected.startIndex,
        itemsPerPage: expected.names.length,
      });
    }
    const [alice] = (await client.send('GET', '/Users?sortBy=userName&count=1')).body.Resources as {
      id: string;
    }[];
    const only = await client.send('GET', `/Users/${alice?.id}?attributes=userName,emails.value`);
    expect(only.body).toEqual({
      schemas: [userSchema],
      id: alice?.id,
      userName: 'alice@example.com',
      emails: [{ value: 'alice@example.com' }, { value: 'alice@home.org' }],
    });
    const without = await client.send(
      'GET',
      `/Users/${alice?.id}?excludedAttributes=emails,meta,id,name.givenName`,
    );
    expect(without.body).not.toHaveProperty('emails');
    expect(without.body).not.toHaveProperty('meta');
    expect(without.body).toHaveProperty('id', alice?.id);
    const created = await client.send('POST', '/Users?attributes=userName', {
      schemas: [userSchema],
      userName: 'erin@example.com',
    });
    expect(Object.keys(created.body).sort()).toEqual(['id', 'schemas', 'userName']);
    expect((await client.send('GET', '/Users?sortBy=nosuch')).body).toMatchObject({
      scimType: 'invalidValue',
    });
    expect((await client.send('GET', '/Users?count=ten')).body).toMatchObject({
      scimType: 'invalidValue',
    });
    expect((await client.send('GET', '/Users?sortOrder=up')).body).toMatchObject({
      scimType: 'invalidValue',
    });
  });
});

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

import { setupTestDatabase } from '@parapet/accounts/testing';
import { describe, expect, it } from 'vitest';
import { names, seedScimPeople } from '../testing/seed-scim-people';

// Filters, paging, sorting and attribute selection, table-driven: each row is [request,
// expected answer], against one seeded directory per test.

const db = setupTestDatabase();
const userSchema = 'urn:ietf:params:scim:schemas:core:2.0:User';
const seeded = () => seedScimPeople(db);

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

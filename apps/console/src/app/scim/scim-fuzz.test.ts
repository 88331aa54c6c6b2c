import { seedOrg } from '@parapet/accounts/testing';
import { createDirectory } from '@parapet/directory';
import fc from 'fast-check';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { setupRouteDatabase } from '@/server/testing/setup-route-database';
import { DELETE, GET, PATCH, POST, PUT } from './v2/[directory]/[[...path]]/route';

// Whatever an identity provider (or anyone holding a token) sends, the SCIM route answers with
// a status below 500 and, for a refusal, a SCIM error body: fuzzed methods, paths, queries,
// filters, PATCH operations and bodies, through the real route handler and database.

const db = setupRouteDatabase();
const origin = 'http://localhost:3000';
const handlers = { GET, POST, PUT, PATCH, DELETE } as const;

beforeAll(() => {
  vi.stubEnv('AUTH_URL', origin);
});

const attribute = fc.constantFrom(
  'userName',
  'USERNAME',
  'externalId',
  'emails',
  'emails.value',
  'emails.type',
  'displayName',
  'active',
  'meta.lastModified',
  'meta.created',
  'id',
  'name.givenName',
  'members',
  'members.value',
  'groups',
  'urn:ietf:params:scim:schemas:core:2.0:User:userName',
  'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department',
  'nosuch',
  'title',
);
const operator = fc.constantFrom(
  'eq',
  'ne',
  'co',
  'sw',
  'ew',
  'gt',
  'ge',
  'lt',
  'le',
  'EQ',
  'pr',
  'xx',
);
const literal = fc.oneof(
  fc.string({ maxLength: 12 }).map((s) => JSON.stringify(s)),
  fc.constantFrom('true', 'false', 'null', '42', '"2020-01-01T00:00:00Z"', 'True', '"\\"', '"'),
);
const comparison = fc
  .tuple(attribute, operator, literal)
  .map(([a, op, v]) => (op === 'pr' ? `${a} pr` : `${a} ${op} ${v}`));
const filter = fc.letrec<{ filter: string }>((tie) => ({
  filter: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    comparison,
    fc
      .tuple(tie('filter'), fc.constantFrom('and', 'or', 'AND'), tie('filter'))
      .map(([a, op, b]) => `${a} ${op} ${b}`),
    tie('filter').map((f) => `not (${f})`),
    tie('filter').map((f) => `(${f})`),
    fc.tuple(attribute, tie('filter')).map(([a, f]) => `${a}[${f}]`),
    fc.tuple(attribute, comparison).map(([a, c]) => `${a}[${c}].value eq "x"`),
    fc.string({ maxLength: 30 }),
  ),
})).filter;

const path = fc.oneof(
  attribute,
  fc.tuple(attribute, comparison).map(([a, c]) => `${a}[${c}]`),
  fc.tuple(attribute, comparison, attribute).map(([a, c, s]) => `${a}[${c}].${s}`),
  fc.string({ maxLength: 20 }),
);
const operation = fc.record(
  {
    op: fc.constantFrom('add', 'Add', 'replace', 'Replace', 'remove', 'Remove', 'move', ''),
    path,
    value: fc.oneof(
      fc.jsonValue({ maxDepth: 3 }),
      fc.constantFrom('False', 'True'),
      fc.record({ active: fc.constantFrom(false, 'False') }),
    ),
  },
  { requiredKeys: ['op'] },
);
const scimBody = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  fc.record(
    {
      schemas: fc.constantFrom(
        ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
        ['urn:ietf:params:scim:schemas:core:2.0:User'],
        'x',
      ),
      Operations: fc.array(operation, { maxLength: 4 }),
      userName: fc.oneof(fc.string({ maxLength: 20 }), fc.jsonValue({ maxDepth: 1 })),
      displayName: fc.oneof(fc.string({ maxLength: 300 }), fc.integer()),
      emails: fc.oneof(
        fc.jsonValue({ maxDepth: 2 }),
        fc.array(
          fc.record({ value: fc.emailAddress(), primary: fc.boolean(), type: fc.string() }),
          { maxLength: 3 },
        ),
      ),
      members: fc.oneof(
        fc.jsonValue({ maxDepth: 2 }),
        fc.array(fc.record({ value: fc.uuid() }), { maxLength: 3 }),
      ),
      active: fc.oneof(fc.boolean(), fc.constantFrom('False', 'true', 'nope')),
      externalId: fc.oneof(fc.string({ maxLength: 300 }), fc.constant(null)),
      filter,
      startIndex: fc.jsonValue({ maxDepth: 0 }),
    },
    { requiredKeys: [] },
  ),
);

describe('the SCIM route under fuzzed input', () => {
  it('never answers 500, and every refusal is a SCIM error', async () => {
    const org = await seedOrg({ prisma: db(), name: 'Fuzz' });
    const directory = await createDirectory({
      db: db(),
      actor: org.owner.actor,
      input: { name: 'Fuzz' },
      origin,
    });
    const send = async (
      method: keyof typeof handlers,
      segments: readonly string[],
      query: string,
      body?: string,
    ) => {
      const url = `${origin}/scim/v2/${directory.id}/${segments.map(encodeURIComponent).join('/')}${query}`;
      const request = new Request(url, {
        method,
        headers: {
          authorization: `Bearer ${directory.token}`,
          'content-type': 'application/scim+json',
        },
        ...(body === undefined || method === 'GET' || method === 'DELETE' ? {} : { body }),
      });
      const response = await handlers[method](request, {
        params: Promise.resolve({ directory: directory.id, path: [...segments] }),
      } as never);
      const text = await response.text();
      return {
        status: response.status,
        body: text ? (JSON.parse(text) as Record<string, unknown>) : null,
      };
    };
    const user = await send(
      'POST',
      ['Users'],
      '',
      JSON.stringify({ userName: 'seed@example.com' }),
    );
    const group = await send(
      'POST',
      ['Groups'],
      '',
      JSON.stringify({ displayName: 'seed', members: [{ value: user.body?.id }] }),
    );
    const segments = fc.oneof(
      fc.constantFrom(
        ['Users'],
        ['Groups'],
        ['Users', String(user.body?.id)],
        ['Groups', String(group.body?.id)],
        ['Users', '.search'],
        ['Groups', '.search'],
        ['Schemas'],
        ['ResourceTypes', 'User'],
      ),
      fc.array(fc.string({ maxLength: 10 }), { maxLength: 3 }),
    );
    const query = fc
      .record(
        {
          filter,
          attributes: fc.string({ maxLength: 20 }),
          excludedAttributes: attribute,
          startIndex: fc.string({ maxLength: 4 }),
          count: fc.string({ maxLength: 4 }),
          sortBy: attribute,
          sortOrder: fc.constantFrom('ascending', 'descending', 'x'),
        },
        { requiredKeys: [] },
      )
      .map((params) => `?${new URLSearchParams(params as Record<string, string>).toString()}`);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom<keyof typeof handlers>('GET', 'POST', 'PUT', 'PATCH', 'DELETE'),
        segments,
        query,
        fc.oneof(
          scimBody.map((b) => JSON.stringify(b)),
          fc.string({ maxLength: 50 }),
        ),
        async (method, pathSegments, search, body) => {
          const answer = await send(method, pathSegments, search, body);
          expect(
            answer.status,
            `${method} /${pathSegments.join('/')}${search} ${body.slice(0, 200)}`,
          ).toBeLessThan(500);
          if (answer.status >= 400) {
            expect(answer.body).toMatchObject({
              schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
              status: String(answer.status),
            });
          }
        },
      ),
      { numRuns: 250 },
    );
  });
});

import type { PrismaClient } from '@parapet/db';
import { expect } from 'vitest';
import { type ScimTestClient, seedScimDirectory } from './scim-test-client';

// Four users with distinct names, cases, emails, externalIds and states, for the table-driven
// SCIM query tests: alice, bob (inactive, mixed-case userName), carol, dave (no email).

const userSchema = 'urn:ietf:params:scim:schemas:core:2.0:User';

export const people = [
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

/** A directory with the four users; `ids` by first name. */
export async function seedScimPeople(
  db: () => PrismaClient,
): Promise<{ client: ScimTestClient; ids: Record<string, string> }> {
  const { client } = await seedScimDirectory({ db });
  const ids: Record<string, string> = {};
  for (const person of people) {
    const created = await client.send('POST', '/Users', { schemas: [userSchema], ...person });
    expect(created.status, person.userName).toBe(201);
    ids[person.userName.split('@')[0]?.toLowerCase() as string] = created.body.id as string;
  }
  return { client, ids };
}

/** The first names of a ListResponse's users, in order. */
export const names = (body: Record<string, unknown>) =>
  ((body.Resources as { userName: string }[] | undefined) ?? []).map((r) =>
    r.userName.split('@')[0]?.toLowerCase(),
  );

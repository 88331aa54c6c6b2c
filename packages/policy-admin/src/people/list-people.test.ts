import { expectAppError, seedOrg, setupTestDatabase } from '@parapet/accounts/testing';
import { describe, expect, it } from 'vitest';
import { seedPolicyGroups } from '../testing/seed-policy-groups';
import { createPerson } from './create-person';
import { deactivatePerson } from './deactivate-person';
import { listPeople } from './list-people';

const db = setupTestDatabase();

async function seedDirectory() {
  const org = await seedOrg({ prisma: db() });
  await seedPolicyGroups({ prisma: db(), orgId: org.orgId, names: ['eng', 'ops'] });
  const people = [
    { email: 'ada@example.com', displayName: 'Ada Lovelace', groups: ['eng'] },
    { email: 'bob@example.com', displayName: 'Bob 100%_sure', groups: ['eng', 'ops'] },
    { email: 'carol@example.com', groups: ['ops'] },
    { email: 'dan@corp.example', displayName: 'Dan' },
  ];
  const created = [];
  for (const input of people) {
    created.push(await createPerson({ db: db(), actor: org.admin.actor, input }));
  }
  await deactivatePerson({
    db: db(),
    actor: org.admin.actor,
    input: { personId: created[2]?.id ?? '' },
  });
  return org;
}

describe('listPeople', () => {
  it('filters by group, active and text (email or name, any case, wildcards literal)', async () => {
    const org = await seedDirectory();
    const emails = async (input: Parameters<typeof listPeople>[0]['input']) =>
      (await listPeople({ db: db(), actor: org.auditor.actor, input })).people.map(
        (person) => person.email,
      );
    expect(await emails({})).toEqual([
      'ada@example.com',
      'bob@example.com',
      'carol@example.com',
      'dan@corp.example',
    ]);
    expect(await emails({ group: 'ops' })).toEqual(['bob@example.com', 'carol@example.com']);
    expect(await emails({ group: 'ops', active: 'true' })).toEqual(['bob@example.com']);
    expect(await emails({ active: false })).toEqual(['carol@example.com']);
    expect(await emails({ search: 'LOVE' })).toEqual(['ada@example.com']);
    expect(await emails({ search: 'corp' })).toEqual(['dan@corp.example']);
    expect(await emails({ search: '%_' })).toEqual(['bob@example.com']);
    expect(await emails({ search: '_' })).toEqual(['bob@example.com']);
    expect(await emails({ search: '\\' })).toEqual([]);
  });

  it('pages by email with a total', async () => {
    const org = await seedDirectory();
    const first = await listPeople({ db: db(), actor: org.auditor.actor, input: { limit: '3' } });
    expect(first.total).toBe(4);
    expect(first.people).toHaveLength(3);
    expect(first.nextAfter).toBe('carol@example.com');
    const second = await listPeople({
      db: db(),
      actor: org.auditor.actor,
      input: { limit: 3, after: first.nextAfter },
    });
    expect(second.people.map((person) => person.email)).toEqual(['dan@corp.example']);
    expect(second.nextAfter).toBeUndefined();
  });

  it('shows only the actor’s organization and refuses bad filters', async () => {
    await seedDirectory();
    const other = await seedOrg({ prisma: db() });
    expect(await listPeople({ db: db(), actor: other.auditor.actor })).toEqual({
      people: [],
      total: 0,
      nextAfter: undefined,
    });
    await expectAppError(
      listPeople({ db: db(), actor: other.auditor.actor, input: { limit: 0 } }),
      'INVALID_INPUT',
    );
    for (const text of ['a\u0000b', 'a\uD800b', '\u001b[2J']) {
      await expectAppError(
        listPeople({ db: db(), actor: other.auditor.actor, input: { search: text } }),
        'INVALID_INPUT',
      );
      await expectAppError(
        listPeople({ db: db(), actor: other.auditor.actor, input: { after: text } }),
        'INVALID_INPUT',
      );
    }
    await expectAppError(
      listPeople({ db: db(), actor: other.auditor.actor, input: { group: 'Not A Group' } }),
      'INVALID_INPUT',
    );
  });
});

import {
  expectAppError,
  seedOrg,
  setupTestDatabase,
  snapshotDatabase,
} from '@parapet/accounts/testing';
import { describe, expect, it } from 'vitest';
import { seedPolicyGroups } from '../testing/seed-policy-groups';
import { createPerson } from './create-person';

const db = setupTestDatabase();

describe('createPerson', () => {
  it('adds an active person with their groups and records it', async () => {
    const org = await seedOrg({ prisma: db() });
    await seedPolicyGroups({ prisma: db(), orgId: org.orgId, names: ['eng', 'finance', 'ops'] });
    const person = await createPerson({
      db: db(),
      actor: org.admin.actor,
      input: {
        email: ' Ada@Example.COM ',
        displayName: 'Ada Lovelace',
        externalId: 'okta|123',
        groups: ['ops', 'eng', 'ops'],
      },
      ip: '10.0.0.1',
    });
    expect(person).toMatchObject({
      email: 'ada@example.com',
      displayName: 'Ada Lovelace',
      externalId: 'okta|123',
      active: true,
      groups: ['eng', 'ops'],
    });
    const entry = await db().activityLogEntry.findFirstOrThrow({
      where: { orgId: org.orgId, action: 'person.created' },
    });
    expect(entry).toMatchObject({
      actorEmail: org.admin.actor.email,
      target: 'ada@example.com',
      details: { groups: ['eng', 'ops'], externalId: 'okta|123' },
      ip: '10.0.0.1',
    });
  });

  it('names the API key beside its creator when a key acts', async () => {
    const org = await seedOrg({ prisma: db() });
    const apiKey = { id: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b', name: 'directory sync' };
    await createPerson({
      db: db(),
      actor: { ...org.admin.actor, apiKey },
      input: { email: 'key@example.com' },
    });
    const entry = await db().activityLogEntry.findFirstOrThrow({
      where: { orgId: org.orgId, action: 'person.created' },
    });
    expect(entry).toMatchObject({ actorEmail: org.admin.actor.email, details: { apiKey } });
  });

  it('treats a blank display name and external id as not given', async () => {
    const org = await seedOrg({ prisma: db() });
    const person = await createPerson({
      db: db(),
      actor: org.owner.actor,
      input: { email: 'bob@example.com', displayName: '  ', externalId: '' },
    });
    expect(person).toMatchObject({ displayName: null, externalId: null, groups: [] });
  });

  it('refuses unknown groups naming each, taken emails and external ids, bad names and auditors, changing nothing', async () => {
    const org = await seedOrg({ prisma: db() });
    const other = await seedOrg({ prisma: db() });
    await seedPolicyGroups({ prisma: db(), orgId: org.orgId, names: ['eng'] });
    await seedPolicyGroups({ prisma: db(), orgId: other.orgId, names: ['theirs'] });
    await createPerson({
      db: db(),
      actor: org.admin.actor,
      input: { email: 'taken@example.com', externalId: 'ext-1' },
    });
    const before = await snapshotDatabase(db());
    const unknown = await expectAppError(
      createPerson({
        db: db(),
        actor: org.admin.actor,
        input: { email: 'new@example.com', groups: ['eng', 'theirs', 'nope'] },
      }),
      'INVALID_INPUT',
    );
    expect(unknown.fieldErrors?.groups).toEqual(['There are no groups named "nope", "theirs".']);
    const email = await expectAppError(
      createPerson({ db: db(), actor: org.admin.actor, input: { email: 'TAKEN@example.com' } }),
      'CONFLICT',
    );
    expect(email.fieldErrors).toHaveProperty('email');
    const externalId = await expectAppError(
      createPerson({
        db: db(),
        actor: org.admin.actor,
        input: { email: 'new@example.com', externalId: 'ext-1' },
      }),
      'CONFLICT',
    );
    expect(externalId.fieldErrors).toHaveProperty('externalId');
    const name = await expectAppError(
      createPerson({
        db: db(),
        actor: org.admin.actor,
        input: { email: 'new@example.com', displayName: 'Eve\u202Enimda', groups: ['Eng'] },
      }),
      'INVALID_INPUT',
    );
    expect(Object.keys(name.fieldErrors ?? {}).sort()).toEqual(['displayName', 'groups']);
    await expectAppError(
      createPerson({ db: db(), actor: org.admin.actor, input: { email: 'not an email' } }),
      'INVALID_INPUT',
    );
    await expectAppError(
      createPerson({ db: db(), actor: org.auditor.actor, input: { email: 'new@example.com' } }),
      'FORBIDDEN',
    );
    expect(await snapshotDatabase(db())).toBe(before);
  });

  it('keeps each organization’s directory apart: the same email may be in both', async () => {
    const org = await seedOrg({ prisma: db() });
    const other = await seedOrg({ prisma: db() });
    await createPerson({ db: db(), actor: org.admin.actor, input: { email: 'a@example.com' } });
    const theirs = await createPerson({
      db: db(),
      actor: other.admin.actor,
      input: { email: 'a@example.com' },
    });
    expect(theirs.email).toBe('a@example.com');
    expect(await db().person.count()).toBe(2);
  });
});

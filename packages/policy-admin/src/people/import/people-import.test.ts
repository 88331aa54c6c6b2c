import {
  expectAppError,
  seedOrg,
  setupTestDatabase,
  snapshotDatabase,
} from '@parapet/accounts/testing';
import { describe, expect, it } from 'vitest';
import { seedPolicyGroups } from '../../testing/seed-policy-groups';
import { createPerson } from '../create-person';
import { listPeople } from '../list-people';
import { applyPeopleImport } from './apply-people-import';
import { previewPeopleImport } from './preview-people-import';

const db = setupTestDatabase();

async function seedDirectory() {
  const org = await seedOrg({ prisma: db() });
  await seedPolicyGroups({ prisma: db(), orgId: org.orgId, names: ['eng', 'ops', 'finance'] });
  const ada = await createPerson({
    db: db(),
    actor: org.admin.actor,
    input: { email: 'ada@example.com', displayName: 'Ada', groups: ['eng'] },
  });
  await createPerson({
    db: db(),
    actor: org.admin.actor,
    input: { email: 'bob@example.com', externalId: 'b-1', groups: ['ops'] },
  });
  return { org, ada };
}

const goodCsv = [
  'email,display_name,groups,active',
  'ada@example.com,Ada Lovelace,eng;ops,true',
  'bob@example.com,,ops,',
  'carol@example.com,Carol,finance,no',
  'dan@example.com,,,',
].join('\r\n');

describe('previewPeopleImport and applyPeopleImport', () => {
  it('previews creates, updates with the fields that change, and unchanged lines, writing nothing', async () => {
    const { org, ada } = await seedDirectory();
    const before = await snapshotDatabase(db());
    const preview = await previewPeopleImport({ db: db(), actor: org.admin.actor, csv: goodCsv });
    expect(preview).toEqual({
      creates: [
        {
          line: 4,
          email: 'carol@example.com',
          displayName: 'Carol',
          externalId: null,
          groups: ['finance'],
          active: false,
        },
        {
          line: 5,
          email: 'dan@example.com',
          displayName: null,
          externalId: null,
          groups: [],
          active: true,
        },
      ],
      updates: [
        {
          line: 2,
          personId: ada.id,
          email: 'ada@example.com',
          changes: {
            displayName: { from: 'Ada', to: 'Ada Lovelace' },
            groups: { added: ['ops'], removed: [] },
          },
        },
      ],
      unchanged: [{ line: 3, email: 'bob@example.com' }],
      problems: [],
      counts: { creates: 2, updates: 1, unchanged: 1, problems: 0 },
    });
    expect(await snapshotDatabase(db())).toBe(before);
  });

  it('applies every line in one go and records one entry with the counts', async () => {
    const { org } = await seedDirectory();
    const counts = await applyPeopleImport({
      db: db(),
      actor: org.admin.actor,
      csv: goodCsv,
      ip: '10.0.0.9',
    });
    expect(counts).toEqual({ creates: 2, updates: 1, unchanged: 1, problems: 0 });
    const { people } = await listPeople({ db: db(), actor: org.auditor.actor });
    expect(
      people.map(({ email, displayName, externalId, active, groups }) => ({
        email,
        displayName,
        externalId,
        active,
        groups,
      })),
    ).toEqual([
      {
        email: 'ada@example.com',
        displayName: 'Ada Lovelace',
        externalId: null,
        active: true,
        groups: ['eng', 'ops'],
      },
      {
        email: 'bob@example.com',
        displayName: null,
        externalId: 'b-1',
        active: true,
        groups: ['ops'],
      },
      {
        email: 'carol@example.com',
        displayName: 'Carol',
        externalId: null,
        active: false,
        groups: ['finance'],
      },
      { email: 'dan@example.com', displayName: null, externalId: null, active: true, groups: [] },
    ]);
    const entries = await db().activityLogEntry.findMany({
      where: { orgId: org.orgId, action: 'people.imported' },
    });
    expect(entries).toMatchObject([
      { details: { created: 2, updated: 1, unchanged: 1 }, ip: '10.0.0.9' },
    ]);
    const again = await applyPeopleImport({ db: db(), actor: org.admin.actor, csv: goodCsv });
    expect(again).toEqual({ creates: 0, updates: 0, unchanged: 4, problems: 0 });
  });

  it('removes groups, changes flags and clears external ids in an update', async () => {
    const { org } = await seedDirectory();
    await applyPeopleImport({
      db: db(),
      actor: org.admin.actor,
      csv: 'email,groups,active,external_id\nbob@example.com,eng,false,\nada@example.com,,,x-9',
    });
    const { people } = await listPeople({ db: db(), actor: org.auditor.actor });
    expect(people).toMatchObject([
      { email: 'ada@example.com', groups: [], active: true, externalId: 'x-9' },
      { email: 'bob@example.com', groups: ['eng'], active: false, externalId: null },
    ]);
  });

  it('reports lines the directory refuses, and applies nothing while any line is bad', async () => {
    const { org } = await seedDirectory();
    const csv = [
      'email,groups,external_id',
      'new@example.com,eng,',
      'ada@example.com,eng;nope;other,',
      'carol@example.com,,b-1',
      'bad-email,,',
    ].join('\n');
    const preview = await previewPeopleImport({ db: db(), actor: org.admin.actor, csv });
    expect(preview.problems).toEqual([
      { line: 3, message: 'groups: There are no groups named "nope", "other".' },
      { line: 4, message: 'external_id: "b-1" already belongs to bob@example.com.' },
      { line: 5, message: expect.stringMatching(/^email: Enter a valid email/) },
    ]);
    expect(preview.creates.map((person) => person.email)).toEqual(['new@example.com']);
    const before = await snapshotDatabase(db());
    const refused = await expectAppError(
      applyPeopleImport({ db: db(), actor: org.admin.actor, csv }),
      'INVALID_INPUT',
    );
    expect(refused.message).toBe('3 lines have problems; nothing was imported.');
    expect(refused.fieldErrors?.csv).toEqual([
      'Line 3: groups: There are no groups named "nope", "other".',
      'Line 4: external_id: "b-1" already belongs to bob@example.com.',
      expect.stringMatching(/^Line 5: email:/),
    ]);
    expect(refused.issues).toEqual(preview.problems);
    expect(await snapshotDatabase(db())).toBe(before);
  });

  it('refuses auditors and keeps organizations apart', async () => {
    const { org } = await seedDirectory();
    const other = await seedOrg({ prisma: db() });
    await seedPolicyGroups({ prisma: db(), orgId: other.orgId, names: ['theirs'] });
    const before = await snapshotDatabase(db());
    await expectAppError(
      applyPeopleImport({ db: db(), actor: org.auditor.actor, csv: goodCsv }),
      'FORBIDDEN',
    );
    await expectAppError(
      previewPeopleImport({ db: db(), actor: org.auditor.actor, csv: goodCsv }),
      'FORBIDDEN',
    );
    // The other org sees neither these people nor these groups, only its own.
    const preview = await previewPeopleImport({
      db: db(),
      actor: other.admin.actor,
      csv: 'email,groups\nada@example.com,theirs\nbob@example.com,eng',
    });
    expect(preview.creates.map((person) => person.email)).toEqual(['ada@example.com']);
    expect(preview.problems).toEqual([
      { line: 3, message: 'groups: There is no group named "eng".' },
    ]);
    expect(await snapshotDatabase(db())).toBe(before);
  });

  it('imports 5,000 people in one transaction', async () => {
    const { org } = await seedDirectory();
    const lines = Array.from(
      { length: 5000 },
      (_, index) => `p${index}@example.com,Person ${index},${index % 2 ? 'eng' : 'ops;finance'}`,
    );
    const csv = ['email,display_name,groups', ...lines].join('\n');
    const counts = await applyPeopleImport({ db: db(), actor: org.admin.actor, csv });
    expect(counts.creates).toBe(5000);
    expect(await db().person.count({ where: { orgId: org.orgId } })).toBe(5002);
    expect(await db().personGroup.count({ where: { orgId: org.orgId } })).toBe(2 + 2500 * 3);
  });
});

import { seedOrg, setupTestDatabase, snapshotDatabase } from '@parapet/accounts/testing';
import { AppError } from '@parapet/errors';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { seedPolicyGroups } from '../../testing/seed-policy-groups';
import { createPerson } from '../create-person';
import { applyPeopleImport } from './apply-people-import';
import { parseCsv } from './parse-csv';
import { previewPeopleImport } from './preview-people-import';
import { readPeopleCsv } from './read-people-csv';

const db = setupTestDatabase();

// Pieces that make CSV interesting: structure, the header's names, plausible and broken values,
// and characters the name rule refuses.
const fragment = fc.oneof(
  fc.constantFrom(',', '"', '""', '\r\n', '\n', '\r', ';', ' ', '\uFEFF', '\u0000', '\u202E'),
  fc.constantFrom('email', 'display_name', 'external_id', 'groups', 'active', 'Email', 'role'),
  fc.constantFrom('ada@example.com', 'bob@example.com', 'ADA@example.com', 'x@', '@'),
  fc.constantFrom('eng', 'ops', 'eng;ops', 'nope', '-x', 'true', 'false', 'yes', 'maybe', '1'),
  fc.constantFrom('Ada', 'b-1', 'constructor', '__proto__'),
  fc.string({ maxLength: 6 }),
);
const csvText = fc.array(fragment, { maxLength: 40 }).map((parts) => parts.join(''));
// Mostly well-formed files, so the fuzzing also reaches the database comparison and writes:
// a header of some columns, then lines of values for them, mostly valid, sometimes not.
const columnValues: Record<string, fc.Arbitrary<string>> = {
  email: fc.constantFrom(
    'ada@example.com',
    'bob@example.com',
    'Carol@Example.com',
    'dan@x.io',
    'x@',
  ),
  display_name: fc.constantFrom('', 'Ada', '"Lovelace, Ada"', 'Eve\u202Enimda', '"a""b"'),
  external_id: fc.constantFrom('', '', 'b-1', 'x-2', ' '),
  groups: fc.constantFrom('', 'eng', 'eng;ops', ' ops ; eng ', 'nope', 'Eng'),
  active: fc.constantFrom('', 'true', 'no', '1', 'maybe'),
};
const likelyCsv = fc
  .shuffledSubarray(['display_name', 'external_id', 'groups', 'active'])
  .chain((optional) => {
    const columns = ['email', ...optional];
    const line = fc.tuple(...columns.map((column) => columnValues[column] as fc.Arbitrary<string>));
    return fc
      .array(line, { minLength: 1, maxLength: 4 })
      .map((lines) => [columns, ...lines].map((fields) => fields.join(',')).join('\r\n'));
  });

function expectOnlyAppError(run: () => unknown): void {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
  }
}

describe('people import under random input', () => {
  it('reading any text either succeeds or refuses with an AppError', () => {
    fc.assert(
      fc.property(fc.oneof(csvText, likelyCsv, fc.string()), (csv) => {
        expectOnlyAppError(() => readPeopleCsv(csv));
      }),
      { numRuns: 2000 },
    );
  });

  it('parses back whatever a CSV writer wrote', () => {
    const field = fc.oneof(fc.string(), fc.constantFrom('a,b', 'say "hi"', 'a\r\nb', '\r', ''));
    const table = fc.array(fc.array(field, { minLength: 2, maxLength: 5 }), { maxLength: 8 });
    fc.assert(
      fc.property(table, fc.constantFrom('\r\n', '\n'), (rows, lineBreak) => {
        const quote = (value: string) => `"${value.replaceAll('"', '""')}"`;
        const text = rows.map((row) => row.map(quote).join(',')).join(lineBreak);
        const { records } = parseCsv(text);
        expect(records.map((record) => record.fields)).toEqual(rows);
      }),
      { numRuns: 500 },
    );
  });

  it('never fails with anything but an AppError and never writes when a line is bad', async () => {
    const org = await seedOrg({ prisma: db() });
    await seedPolicyGroups({ prisma: db(), orgId: org.orgId, names: ['eng', 'ops'] });
    await createPerson({
      db: db(),
      actor: org.admin.actor,
      input: { email: 'bob@example.com', externalId: 'b-1', groups: ['ops'] },
    });
    let applied = 0;
    await fc.assert(
      fc.asyncProperty(fc.oneof(likelyCsv, csvText), async (csv) => {
        const preview = await previewPeopleImport({ db: db(), actor: org.admin.actor, csv }).catch(
          (error: unknown) => {
            expect(error).toBeInstanceOf(AppError);
            return undefined;
          },
        );
        const before = await snapshotDatabase(db());
        const result = await applyPeopleImport({ db: db(), actor: org.admin.actor, csv }).catch(
          (error: unknown) => error,
        );
        if (preview === undefined || preview.problems.length > 0) {
          expect(result).toBeInstanceOf(AppError);
          expect(await snapshotDatabase(db())).toBe(before);
        } else {
          expect(result).toEqual(preview.counts);
          applied += 1;
        }
      }),
      { numRuns: 150 },
    );
    // A fuzzer that never reaches a successful import proves little about the writes.
    expect(applied).toBeGreaterThan(0);
  });
});

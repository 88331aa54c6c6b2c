import { AppError } from '@parapet/errors';
import { describe, expect, it } from 'vitest';
import { readPeopleCsv } from './read-people-csv';

function refusal(csv: unknown): AppError {
  try {
    readPeopleCsv(csv);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected the file to be refused');
}

describe('readPeopleCsv', () => {
  it('reads columns in any order, spreadsheet headers, groups split by ";" and active flags', () => {
    const csv =
      '\uFEFFGroups,Email,Display Name,external-id,ACTIVE\r\n' +
      '"ops; eng;;eng",Ada@Example.com,"Lovelace, Ada",okta|1,Yes\r\n' +
      ',bob@example.com,,,\r\n';
    expect(readPeopleCsv(csv)).toEqual({
      rows: [
        {
          line: 2,
          email: 'ada@example.com',
          displayName: 'Lovelace, Ada',
          externalId: 'okta|1',
          groups: ['eng', 'ops'],
          active: true,
        },
        { line: 3, email: 'bob@example.com', displayName: null, externalId: null, groups: [] },
      ],
      problems: [],
    });
  });

  it('leaves out what the header leaves out', () => {
    expect(readPeopleCsv('email\nada@example.com\n').rows).toEqual([
      { line: 2, email: 'ada@example.com' },
    ]);
  });

  it.each<[string, string, RegExp[]]>([
    ['a bad email', 'email\nnot-an-email', [/^email: Enter a valid email/]],
    ['a blank email', 'email,groups\n,eng', [/^email: Enter an email address/]],
    ['a bad group name', 'email,groups\na@x.io,Eng;ok', [/^groups: "Eng": A group name uses/]],
    ['a bad active value', 'email,active\na@x.io,maybe', [/^active: "maybe" is not true or false/]],
    ['an inherited key as active', 'email,active\na@x.io,constructor', [/^active: "constructor"/]],
    ['a name with a direction control', 'email,display_name\na@x.io,Eve\u202Enimda', [/U\+202E/]],
    ['a name with a line break', 'email,display_name\na@x.io,"A\nB"', [/control characters/]],
    ['a missing field', 'email,display_name\na@x.io', [/has 1 fields; the header has 2 columns/]],
    ['a stray quote', 'email\na"b@x.io', [/cannot be read: a double quote/]],
    [
      'several problems on one line',
      'email,active,groups\nnope,x,-a',
      [/^email:/, /^groups:/, /^active:/],
    ],
  ])('reports %s by line number', (_name, csv, messages) => {
    const { rows, problems } = readPeopleCsv(csv);
    expect(rows).toEqual([]);
    expect(problems).toEqual(
      messages.map((message) => ({ line: 2, message: expect.stringMatching(message) })),
    );
  });

  it('reports repeated emails and external ids on the later line', () => {
    const csv = 'email,external_id\na@x.io,1\nb@x.io,1\nA@X.IO,\nc@x.io,\nd@x.io,';
    const { rows, problems } = readPeopleCsv(csv);
    expect(rows.map((row) => row.line)).toEqual([2, 5, 6]);
    expect(problems).toEqual([
      { line: 3, message: 'This external id is also on line 2: one line per person.' },
      { line: 4, message: 'This email is also on line 2: one line per person.' },
    ]);
  });

  it('escapes invisible characters it quotes', () => {
    const { problems } = readPeopleCsv('email,active\na@x.io,\u202Eyes');
    expect(problems[0]?.message).toContain('"\\u{202E}yes"');
  });

  it.each<[string, unknown, string, RegExp]>([
    ['not text', 42, 'INVALID_INPUT', /CSV text/],
    ['an empty file', '', 'INVALID_INPUT', /empty: start with a header/],
    ['a header alone', 'email\r\n', 'INVALID_INPUT', /no people/],
    ['no email column', 'display_name\nAda', 'INVALID_INPUT', /no email column/],
    ['an unknown column', 'email,role\na@x.io,admin', 'INVALID_INPUT', /Unknown column "role"/],
    ['a repeated column', 'email,Email\na,b', 'INVALID_INPUT', /"email" appears twice/],
    ['an unreadable header', '"email\na', 'INVALID_INPUT', /header row cannot be read/],
    ['more than 5 MB', `email\n${'x'.repeat(5 * 1024 * 1024)}`, 'PAYLOAD_TOO_LARGE', /5 MB/],
    ['more than 50,000 people', `email\n${'a\n'.repeat(50_001)}`, 'PAYLOAD_TOO_LARGE', /50,000/],
  ])('refuses %s as a whole', (_name, csv, code, message) => {
    const error = refusal(csv);
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
    expect(error.fieldErrors?.csv).toEqual([error.message]);
  });

  it('accepts exactly 50,000 people', () => {
    const csv = `email\n${Array.from({ length: 50_000 }, (_, index) => `p${index}@x.io`).join('\n')}`;
    expect(readPeopleCsv(csv).rows).toHaveLength(50_000);
  });
});

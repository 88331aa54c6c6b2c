import { describe, expect, it } from 'vitest';
import { type CsvRecord, parseCsv } from './parse-csv';

const ok = (line: number, ...fields: string[]): CsvRecord => ({ line, fields });
const bad = (line: number, error: RegExp) => ({ line, error: expect.stringMatching(error) });

describe('parseCsv', () => {
  it.each<[string, string, unknown[]]>([
    ['an empty file', '', []],
    ['only a byte order mark', '\uFEFF', []],
    ['one record without a final line break', 'a,b', [ok(1, 'a', 'b')]],
    ['CRLF records', 'a,b\r\nc,d\r\n', [ok(1, 'a', 'b'), ok(2, 'c', 'd')]],
    ['LF and bare CR records', 'a\nb\rc', [ok(1, 'a'), ok(2, 'b'), ok(3, 'c')]],
    ['a byte order mark is dropped', '\uFEFFemail\r\n', [ok(1, 'email')]],
    ['empty fields', ',a,,', [ok(1, '', 'a', '', '')]],
    ['spaces are kept', ' a , b ', [ok(1, ' a ', ' b ')]],
    ['blank lines are skipped', 'a\r\n\r\n  \nb', [ok(1, 'a'), ok(4, 'b')]],
    ['a quoted comma', '"a,b",c', [ok(1, 'a,b', 'c')]],
    ['doubled quotes', '"say ""hi""",x', [ok(1, 'say "hi"', 'x')]],
    ['a quoted empty field is a record', '""', [ok(1, '')]],
    [
      'line breaks inside quotes count towards later lines',
      '"a\r\nb",c\r\n"d\ne\rf"\ng',
      [ok(1, 'a\r\nb', 'c'), ok(3, 'd\ne\rf'), ok(6, 'g')],
    ],
    ['a quoted last field at the end', 'a,"b"', [ok(1, 'a', 'b')]],
    [
      'a stray quote in an unquoted field, then reading resumes',
      'ab"c,d\r\ne,f',
      [bad(1, /double quote inside an unquoted field/), ok(2, 'e', 'f')],
    ],
    ['text after a closing quote', '"a"b,c\nd', [bad(1, /after the closing quote/), ok(2, 'd')]],
    [
      'an unclosed quote takes the rest of the file',
      'a\n"b,c\nd,e\n',
      [ok(1, 'a'), bad(2, /never closed/)],
    ],
  ])('%s', (_name, text, records) => {
    expect(parseCsv(text)).toEqual({ records, truncated: false });
  });

  it('stops after the most records asked for', () => {
    expect(parseCsv('a\nb\nc\n', { maxRecords: 2 })).toEqual({
      records: [ok(1, 'a'), ok(2, 'b')],
      truncated: true,
    });
    expect(parseCsv('a\nb\n', { maxRecords: 2 }).truncated).toBe(false);
  });
});

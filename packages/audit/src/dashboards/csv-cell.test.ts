import { describe, expect, it } from 'vitest';
import { csvCell, csvRow } from './csv-cell';

// RFC 4180 quoting and the formula guard, as a table of [value, field as written].
const cases: [string | number | null, string][] = [
  ['plain', 'plain'],
  ['api.github.com:443', 'api.github.com:443'],
  ['a,b', '"a,b"'],
  ['say "hi"', '"say ""hi"""'],
  ['two\nlines', '"two\nlines"'],
  ['cr\rhere', '"cr\rhere"'],
  ['=HYPERLINK("http://evil.example","x")', `"'=HYPERLINK(""http://evil.example"",""x"")"`],
  ['+1-555', "'+1-555"],
  ['-rm -rf', "'-rm -rf"],
  ['@SUM(A1)', "'@SUM(A1)"],
  ['\tcmd', "'\tcmd"],
  ['\rcmd', `"'\rcmd"`],
  ['a=b', 'a=b'],
  ['', ''],
  [null, ''],
  [42, '42'],
];

describe('csvCell', () => {
  it.each(cases)('writes %j as %j', (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it('ends a row with CRLF', () => {
    expect(csvRow(['a', 'b,c', null])).toBe('a,"b,c",\r\n');
  });
});

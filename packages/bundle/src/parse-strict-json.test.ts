import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BundleFormatError } from './bundle-format-error';
import { parseStrictJson } from './parse-strict-json';

function refusalOf(text: string): string | undefined {
  try {
    parseStrictJson(text);
    return undefined;
  } catch (error) {
    if (error instanceof BundleFormatError) return error.reason;
    throw error;
  }
}

const nativeParses = (text: string) => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};

describe('parseStrictJson', () => {
  it.each<[string, string]>([
    ['a repeated name', '{"a":1,"a":2}'],
    ['a repeated name spelled with an escape', '{"a":1,"\\u0061":2}'],
    ['a repeated name spelled with two different escapes', '{"\\/":1,"\\u002f":2}'],
    ['a repeated name in a nested object', '{"x":[{"k":1,"j":2,"k":3}]}'],
    ['a repeated __proto__', '{"__proto__":1,"__proto__":2}'],
    ['a repeated empty name', '{"":1,"":2}'],
    ['a repeated surrogate pair, escaped once', '{"\u{1F600}":1,"\\ud83d\\ude00":2}'],
  ])('refuses %s as duplicate_keys', (_name, text) => {
    expect(nativeParses(text)).toBe(true);
    expect(refusalOf(text)).toBe('duplicate_keys');
  });

  it.each<[string, string]>([
    ['nothing', ''],
    ['only whitespace', ' \n'],
    ['a trailing comma', '[1,]'],
    ['a trailing member comma', '{"a":1,}'],
    ['single quotes', "{'a':1}"],
    ['a leading zero', '01'],
    ['a bare minus', '-'],
    ['a dangling fraction', '1.'],
    ['a plus sign', '+1'],
    ['NaN', 'NaN'],
    ['a raw control character', '"a\u0001b"'],
    ['a raw newline in a string', '"a\nb"'],
    ['a raw unit separator (U+001F) in a string', '"a\u001fb"'],
    ['a short \\u escape', '"\\u12"'],
    ['an unknown escape', '"\\x41"'],
    ['an unterminated string', '"abc'],
    ['two values', '1 2'],
    ['a non-JSON space', '\u00a01'],
    ['a byte order mark', '\ufeff{}'],
    ['a comment', '{} // no'],
    ['a missing colon', '{"a" 1}'],
    ['an unquoted name', '{a:1}'],
    ['truncated true', 'tru'],
  ])('refuses %s as malformed, as JSON.parse does', (_name, text) => {
    expect(nativeParses(text)).toBe(false);
    expect(refusalOf(text)).toBe('malformed');
  });

  it('refuses nesting deeper than the limit, which JSON.parse would allow', () => {
    expect(refusalOf(`${'['.repeat(256)}${']'.repeat(256)}`)).toBeUndefined();
    expect(refusalOf(`${'['.repeat(300)}${']'.repeat(300)}`)).toBe('malformed');
    expect(refusalOf(`${'{"a":'.repeat(100_000)}`)).toBe('malformed');
  });

  it('keeps __proto__ as a plain member, as JSON.parse does', () => {
    const value = parseStrictJson('{"__proto__":{"polluted":true}}') as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.keys(value)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(value).toEqual(JSON.parse('{"__proto__":{"polluted":true}}'));
  });

  // Differential: on every document without duplicates, the scanner reads what JSON.parse reads.
  it('reads every JSON document exactly as JSON.parse does', () => {
    fc.assert(
      fc.property(
        fc.jsonValue(),
        fc.constantFrom(undefined, 1, '\t', ' \r\n '),
        (value, indent) => {
          const text = JSON.stringify(value, null, indent);
          expect(parseStrictJson(text)).toEqual(JSON.parse(text));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('reads escaped and unicode strings exactly as JSON.parse does', () => {
    // Each UTF-16 unit is written raw or as a \u escape, as the generator chooses.
    const escaped = fc
      .array(fc.tuple(fc.integer({ min: 0, max: 0xffff }), fc.boolean()))
      .map((units) => {
        const body = units
          .map(([unit, asEscape]) =>
            asEscape || unit < 0x20 || unit === 0x22 || unit === 0x5c
              ? `\\u${unit.toString(16).padStart(4, '0')}`
              : String.fromCharCode(unit),
          )
          .join('');
        return `"${body}"`;
      });
    fc.assert(
      fc.property(escaped, (text) => {
        expect(parseStrictJson(text)).toEqual(JSON.parse(text));
      }),
      { numRuns: 500 },
    );
  });

  it('accepts and refuses arbitrary text exactly as JSON.parse does, apart from duplicates', () => {
    const jsonish = fc.string({
      unit: fc.constantFrom(...'{}[]",:.-+eE0123456789 \n\ttrufalsn\\u/aA'.split('')),
      maxLength: 30,
    });
    const nearJson = fc
      .tuple(fc.json(), fc.nat(), fc.nat(), fc.constantFrom('', ',', '"', '}', ']', ' ', '\\', '0'))
      .map(([text, at, cut, insert]) => {
        const position = at % (text.length + 1);
        return text.slice(0, position) + insert + text.slice(position + (cut % 2));
      });
    // Mostly ASCII, so control characters, quotes and backslashes turn up often.
    const unit = fc.oneof(
      fc.integer({ min: 0, max: 0x7f }).map((code) => String.fromCharCode(code)),
      fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)),
    );
    const quoted = fc.string({ unit, maxLength: 8 }).map((text) => `"${text}"`);
    fc.assert(
      fc.property(fc.oneof(jsonish, nearJson, quoted, fc.string()), (text) => {
        const refusal = refusalOf(text);
        if (refusal === 'duplicate_keys') return;
        expect(refusal === undefined).toBe(nativeParses(text));
        if (refusal === undefined) expect(parseStrictJson(text)).toEqual(JSON.parse(text));
      }),
      { numRuns: 3000 },
    );
  });
});

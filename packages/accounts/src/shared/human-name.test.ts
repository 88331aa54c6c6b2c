import { describe, expect, it } from 'vitest';
import { emailField } from './fields';
import { findNameCharacterProblem, humanNameField, optionalHumanNameField } from './human-name';

const control = 'line breaks, tabs or other control characters';
const surrogate = 'broken characters (an unpaired surrogate)';
const direction = 'text-direction controls';
const invisible = 'invisible formatting characters';

// [what the name holds, the name, the class refused and the code point reported (or null)]
const rows: [string, string, string | null, string | null][] = [
  ['plain ASCII', 'Ana Smith', null, null],
  ['accents, apostrophes and other scripts', "Zoë O'Brien-Łukasiewicz 山田", null, null],
  ['an ideographic space between family and given name', '山田\u3000太郎', null, null],
  ['Arabic written right to left (no controls)', 'محمد علي', null, null],
  ['a zero-width non-joiner inside a Persian name', 'علی\u200Cرضا', null, null],
  ['a zero-width joiner after a Sinhala virama', 'ශ්\u200Dරී', null, null],
  ['an emoji ZWJ sequence', 'Ana 👩\u200D💻', null, null],
  ['a ZWJ sequence with a skin tone', 'Ana 👩🏽\u200D💻', null, null],
  ['a ZWJ after an emoji variation selector', 'Ana ❤\uFE0F\u200D🔥', null, null],
  ['an emoji variation selector', 'Ana ❤\uFE0F', null, null],
  ['a CJK ideographic variation selector', '葛\u{E0100}西', null, null],
  ['a Mongolian free variation selector after a letter', 'ᠠ\u180B', null, null],

  ['a NUL', 'Acme\u0000 Inc', control, 'U+0000'],
  ['a line feed', 'Acme\nInc', control, 'U+000A'],
  ['a tab', 'Acme\tInc', control, 'U+0009'],
  ['an escape sequence', 'Acme\u001b[31m', control, 'U+001B'],
  ['a DEL', 'Acme\u007f', control, 'U+007F'],
  ['a C1 control', 'Acme\u0085', control, 'U+0085'],
  ['a line separator', 'Acme\u2028Inc', control, 'U+2028'],
  ['a paragraph separator', 'Acme\u2029Inc', control, 'U+2029'],
  ['an unpaired high surrogate', 'Acme\uD800', surrogate, 'U+D800'],
  ['an unpaired low surrogate', 'Acme\uDC00x', surrogate, 'U+DC00'],
  ['a right-to-left override', 'Eve\u202Enimda', direction, 'U+202E'],
  ['a left-to-right override', 'Eve\u202Dx', direction, 'U+202D'],
  ['a left-to-right embedding', 'Eve\u202Ax', direction, 'U+202A'],
  ['a pop directional formatting', 'Eve\u202Cx', direction, 'U+202C'],
  ['a right-to-left mark', 'Eve\u200F', direction, 'U+200F'],
  ['a left-to-right mark', 'Eve\u200E', direction, 'U+200E'],
  ['a right-to-left isolate', 'Eve\u2067x\u2069', direction, 'U+2067'],
  ['a first strong isolate', 'Eve\u2068x', direction, 'U+2068'],
  ['an Arabic letter mark', 'Eve\u061C', direction, 'U+061C'],
  ['a zero-width space', 'Ad\u200Bmin', invisible, 'U+200B'],
  ['a zero-width joiner at the end', 'Admin\u200D', invisible, 'U+200D'],
  ['a zero-width non-joiner between two spaces', 'Ad \u200C min', invisible, 'U+200C'],
  ['a zero-width joiner between Latin letter and space', 'Ad\u200D min', invisible, 'U+200D'],
  ['a word joiner', 'Ad\u2060min', invisible, 'U+2060'],
  ['an invisible separator', 'Ad\u2063min', invisible, 'U+2063'],
  ['an invisible plus', 'Ad\u2064min', invisible, 'U+2064'],
  ['a byte order mark inside', 'Ad\uFEFFmin', invisible, 'U+FEFF'],
  ['a soft hyphen', 'Ad\u00ADmin', invisible, 'U+00AD'],
  ['a Mongolian vowel separator', 'Ad\u180Emin', invisible, 'U+180E'],
  ['an interlinear annotation anchor', 'Ad\uFFF9min', invisible, 'U+FFF9'],
  ['a language tag', 'Admin\u{E0001}', invisible, 'U+E0001'],
  ['hidden tag text', 'Admin\u{E0068}\u{E0069}', invisible, 'U+E0068'],
  ['a combining grapheme joiner', 'Ad\u034Fmin', invisible, 'U+034F'],
  ['a Hangul filler, which shows as nothing', '\u3164', invisible, 'U+3164'],
  ['a halfwidth Hangul filler', 'Ad\uFFA0min', invisible, 'U+FFA0'],
  ['a variation selector after a space', 'Ana \uFE0F', invisible, 'U+FE0F'],
  ['a variation selector after another', 'Ana ❤\uFE0F\uFE0E', invisible, 'U+FE0E'],
  ['a variation selector at the start', '\uFE0FAna', invisible, 'U+FE0F'],
  ['a control and a direction control: the control is reported', '\u202EEve\n', control, 'U+000A'],
];

describe('the name rule', () => {
  it.each(rows)('%s', (_name, name, what, codePoint) => {
    expect(findNameCharacterProblem(name)).toEqual(what === null ? undefined : { what, codePoint });
  });

  const field = humanNameField({ empty: 'Enter a name.', max: 120 });
  const optionalField = optionalHumanNameField({ max: 120 });

  it.each(rows)('refuses or keeps, as a required and an optional field: %s', (_n, name, what) => {
    expect(field.safeParse(name).success).toBe(what === null);
    expect(optionalField.safeParse(name).success).toBe(what === null);
  });

  it('refuses with a field error that names the class and the character', () => {
    const result = field.safeParse('Eve\u202Enimda');
    expect(result.error?.issues.map((issue) => issue.message)).toEqual([
      'Names cannot contain text-direction controls (found U+202E).',
    ]);
  });

  it('refuses rather than strips: nothing is removed from an accepted name', () => {
    expect(field.parse('  علی\u200Cرضا  ')).toBe('علی\u200Cرضا');
  });

  it('judges the name after trimming, so a byte order mark at either end is only trimmed', () => {
    expect(field.parse('\uFEFFAna\uFEFF')).toBe('Ana');
  });

  it.each([
    ['blank', '   ', false],
    ['120 characters', 'x'.repeat(120), true],
    ['121 characters', 'x'.repeat(121), false],
  ])('counts length after trimming: %s', (_name, name, ok) => {
    expect(field.safeParse(name).success).toBe(ok);
  });

  it('treats an empty optional name as not given', () => {
    expect(optionalField.parse('  ')).toBeUndefined();
    expect(optionalField.parse(undefined)).toBeUndefined();
  });

  it.each(['ana\u202E@example.com', 'ad\u200Bmin@example.com', 'ana@exa\u00ADmple.com'])(
    'leaves emails to the email field, which refuses these too: %j',
    (email) => {
      expect(emailField.safeParse(email).success).toBe(false);
    },
  );
});

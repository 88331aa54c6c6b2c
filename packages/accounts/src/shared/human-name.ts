import { z } from 'zod';

// The one rule for every name a person types that others will read: members, organizations,
// and whatever later features let people name (policy groups, API keys, devices,
// destinations). Names are shown in tables, activity entries and logs, so the characters
// refused are those that change how the text around them reads while showing nothing
// themselves. Emails are not names: they are identifiers, and emailField accepts ASCII only.
//
// Refused, in the order they are reported:
// - control characters (Unicode Cc) and line or paragraph separators (Zl, Zp): they break
//   lines in tables and logs, and PostgreSQL cannot store NUL at all;
// - unpaired UTF-16 surrogates (Cs): only a hand-made request carries one, and it cannot be
//   stored in the JSON of an activity entry;
// - text-direction controls (Bidi_Control: U+061C, U+200E, U+200F, U+202A–U+202E,
//   U+2066–U+2069): "U+202E" makes "Eve\u202Enimda" read as "Eveadmin" backwards;
// - every other invisible formatting character: Unicode Cf (soft hyphen, zero-width space,
//   word joiner, invisible operators, byte order mark, U+180E, interlinear annotation, tags
//   U+E0000–U+E007F, which can carry hidden text) and the rest of Default_Ignorable_Code_Point
//   (combining grapheme joiner, Hangul fillers, Khmer inherent vowels), which can make a
//   name look empty or make two different names look the same.
// Allowed because real names need them: zero-width (non-)joiners between two letters, marks
// or emoji (Persian "علی‌رضا", Sinhala "ශ්‍රී", "👩‍💻"), and variation selectors right after a
// visible character ("❤️", CJK ideograph variants, Mongolian free variation selectors). The
// price of refusing tags is the three subdivision flags (🏴 with tags), which no name needs.
// Private-use and unassigned code points are not refused: they show as a visible box.

// Each check sees the name as code points (Array.from keeps a lone surrogate as one element)
// and the position of the one it looks at, since joiners and selectors depend on neighbours.
type CharacterClass = { what: string; matches: (characters: string[], index: number) => boolean };

const joiners = /^[\u200C\u200D]$/u;
const variationSelectors = /^[\u180B-\u180D\u180F\uFE00-\uFE0F\u{E0100}-\u{E01EF}]$/u;
// What a joiner may sit between: letters, marks (a virama before a ZWJ), digits, emoji and
// their skin-tone modifiers.
const joinable = /^[\p{L}\p{M}\p{N}\p{Extended_Pictographic}\p{Emoji_Modifier}]$/u;
// What a variation selector may follow: a visible character, not a space or an invisible one
// (not another selector either).
const visibleBase = /^(?!\p{Default_Ignorable_Code_Point})[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;

function isInvisibleFormatting(characters: string[], index: number): boolean {
  const character = characters[index] ?? '';
  const before = characters[index - 1] ?? '';
  if (joiners.test(character)) {
    return !(joinable.test(before) && joinable.test(characters[index + 1] ?? ''));
  }
  if (variationSelectors.test(character)) return !visibleBase.test(before);
  return /[\p{Cf}\p{Default_Ignorable_Code_Point}]/u.test(character);
}

function matchesAny(pattern: RegExp): CharacterClass['matches'] {
  return (characters, index) => pattern.test(characters[index] ?? '');
}

const refusedClasses: CharacterClass[] = [
  {
    what: 'line breaks, tabs or other control characters',
    matches: matchesAny(/[\p{Cc}\p{Zl}\p{Zp}]/u),
  },
  { what: 'broken characters (an unpaired surrogate)', matches: matchesAny(/\p{Cs}/u) },
  { what: 'text-direction controls', matches: matchesAny(/\p{Bidi_Control}/u) },
  { what: 'invisible formatting characters', matches: isInvisibleFormatting },
];

export type NameCharacterProblem = { what: string; codePoint: string };

/**
 * The first character class of the rule above that `name` contains, with the code point that
 * showed it (as `U+202E`), or undefined for an acceptable name.
 */
export function findNameCharacterProblem(name: string): NameCharacterProblem | undefined {
  const characters = Array.from(name);
  for (const refused of refusedClasses) {
    const index = characters.findIndex((_character, at) => refused.matches(characters, at));
    if (index === -1) continue;
    const hex = (characters[index]?.codePointAt(0) ?? 0).toString(16).toUpperCase();
    return { what: refused.what, codePoint: `U+${hex.padStart(4, '0')}` };
  }
  return undefined;
}

/** The field error for a refused character: which class, and which character to look for. */
export function nameCharacterMessage({ what, codePoint }: NameCharacterProblem): string {
  return `Names cannot contain ${what} (found ${codePoint}).`;
}

// Refused, not stripped: a name silently changed from what was typed would be a surprise in
// every table it shows in, and stripping could turn a refused name into an accepted lookalike.
function checkNameCharacters(name: string, context: z.core.$RefinementCtx<string>): void {
  const problem = findNameCharacterProblem(name);
  if (problem) context.addIssue({ code: 'custom', message: nameCharacterMessage(problem) });
}

/**
 * A required human-entered name: trimmed, at least one character (`empty` says what to enter),
 * at most `max` characters (match the column), and no character the rule above refuses.
 */
export function humanNameField({ empty, max }: { empty: string; max: number }) {
  return z
    .string({ error: empty })
    .trim()
    .min(1, empty)
    .max(max, `Use at most ${max} characters.`)
    .superRefine(checkNameCharacters);
}

/** The same rule for an optional name: an empty form field means "not given". */
export function optionalHumanNameField({ max }: { max: number }) {
  return z
    .string()
    .trim()
    .max(max, `Use at most ${max} characters.`)
    .superRefine(checkNameCharacters)
    .optional()
    .transform((name) => (name === undefined || name === '' ? undefined : name));
}

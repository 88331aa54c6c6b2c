import { describe, expect, it } from 'vitest';
import {
  emailField,
  optionalPersonNameField,
  orgNameField,
  passwordField,
  personNameField,
  roleField,
} from './fields';

describe('field schemas', () => {
  it.each([
    ['  Alice@Example.COM ', 'alice@example.com'],
    ['bob+tag@sub.example.org', 'bob+tag@sub.example.org'],
  ])('normalises the email %j', (input, expected) => {
    expect(emailField.parse(input)).toBe(expected);
  });

  it.each([
    ['empty', ''],
    ['no at sign', 'alice.example.com'],
    ['no domain', 'alice@'],
    ['spaces inside', 'al ice@example.com'],
    ['oversized', `${'a'.repeat(250)}@example.com`],
  ])('rejects an email that is %s', (_name, input) => {
    expect(emailField.safeParse(input).success).toBe(false);
  });

  it.each([
    ['too short', 'elevenchars', false],
    ['exactly 12 characters', 'twelve chars', true],
    ['200 characters', 'x'.repeat(200), true],
    ['201 characters', 'x'.repeat(201), false],
  ])('passwords: %s', (_name, input, ok) => {
    expect(passwordField.safeParse(input).success).toBe(ok);
  });

  it.each([
    ['blank', '   ', false],
    ['120 characters', 'x'.repeat(120), true],
    ['121 characters', 'x'.repeat(121), false],
  ])('organization names: %s', (_name, input, ok) => {
    expect(orgNameField.safeParse(input).success).toBe(ok);
  });

  it.each([
    ['a NUL character', 'Acme\u0000 Inc'],
    ['a line break', 'Acme\nInc'],
    ['an escape character', 'Acme\u001b[31m'],
    ['a DEL character', 'Acme\u007f'],
    ['an unpaired surrogate', 'Acme\uD800'],
    ['a right-to-left override, which reverses how the rest reads', 'Eve\u202Enimda'],
    ['a right-to-left isolate', 'Eve\u2067x'],
    ['a zero-width space', 'Ad\u200Bmin'],
    ['a soft hyphen', 'Ad\u00ADmin'],
    ['a tag character', 'Admin\u{E0041}'],
  ])('refuses %s in every name field (see human-name.ts)', (_name, input) => {
    expect(orgNameField.safeParse(input).success).toBe(false);
    expect(personNameField.safeParse(input).success).toBe(false);
    expect(optionalPersonNameField.safeParse(input).success).toBe(false);
  });

  it('says which character class a name field refuses', () => {
    for (const field of [orgNameField, personNameField, optionalPersonNameField]) {
      expect(field.safeParse('Eve\u202Enimda').error?.issues[0]?.message).toBe(
        'Names cannot contain text-direction controls (found U+202E).',
      );
    }
  });

  it('keeps names in any script, with accents and punctuation', () => {
    expect(personNameField.parse(" Zoë O'Brien-Łukasiewicz 山田 ")).toBe(
      "Zoë O'Brien-Łukasiewicz 山田",
    );
  });

  it.each(['owner', 'admin', 'auditor'])('accepts the role %s', (role) => {
    expect(roleField.parse(role)).toBe(role);
  });

  it.each(['superuser', 'OWNER', '', 'owner '])('rejects the forged role %j', (role) => {
    expect(roleField.safeParse(role).success).toBe(false);
  });
});

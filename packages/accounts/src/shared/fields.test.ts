import { describe, expect, it } from 'vitest';
import { emailField, orgNameField, passwordField, roleField } from './fields';

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

  it.each(['owner', 'admin', 'auditor'])('accepts the role %s', (role) => {
    expect(roleField.parse(role)).toBe(role);
  });

  it.each(['superuser', 'OWNER', '', 'owner '])('rejects the forged role %j', (role) => {
    expect(roleField.safeParse(role).success).toBe(false);
  });
});

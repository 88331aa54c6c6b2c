import { describe, expect, it } from 'vitest';
import { createEnrollmentTokenFormSchema } from './enrollment-token-form-schema';

const hour = 60 * 60 * 1000;

describe('the enrollment token form', () => {
  it.each<[string, Record<string, unknown>, Record<string, unknown>, number]>([
    [
      'a one-device token for a person, a week',
      {
        name: 'Ada’s laptop',
        person: 'Ada@Example.com',
        groups: '',
        reusable: 'false',
        expiresIn: '7d',
      },
      { name: 'Ada’s laptop', person: 'ada@example.com', groups: [], reusable: false },
      7 * 24 * hour,
    ],
    [
      'a fleet token with groups, an hour',
      { name: '', person: '', groups: 'eng, ops,eng', reusable: 'true', expiresIn: '1h' },
      { name: undefined, person: undefined, groups: ['eng', 'ops'], reusable: true },
      hour,
    ],
  ])('reads %s', (_case, form, expected, lifetime) => {
    const before = Date.now();
    const parsed = createEnrollmentTokenFormSchema.parse(form);
    expect(parsed).toMatchObject(expected);
    const expiry = Date.parse(parsed.expiresAt);
    expect(expiry).toBeGreaterThanOrEqual(before + lifetime);
    expect(expiry).toBeLessThanOrEqual(Date.now() + lifetime);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['a lifetime not offered', { reusable: 'false', expiresIn: '1y' }, 'expiresIn'],
    ['no lifetime', { reusable: 'false' }, 'expiresIn'],
    ['a person who is not an email', { person: 'ada', expiresIn: '7d' }, 'person'],
    ['a group name with a space', { groups: 'two words', expiresIn: '7d' }, 'groups'],
    ['reusable as anything but true or false', { reusable: 'yes', expiresIn: '7d' }, 'reusable'],
  ])('refuses %s on its field', (_case, form, field) => {
    const result = createEnrollmentTokenFormSchema.safeParse(form);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path[0])).toContain(field);
  });
});

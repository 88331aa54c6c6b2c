import { describe, expect, it } from 'vitest';
import {
  createOidcConnectionFormSchema,
  parseRoleMappingLines,
  roleMappingLines,
} from './oidc-form-input';

describe('role mapping lines', () => {
  it.each([
    [
      'groups = parapet-admins -> admin',
      [{ attribute: 'groups', value: 'parapet-admins', role: 'admin' }],
    ],
    [
      '  department=Security Ops → Owner  ',
      [{ attribute: 'department', value: 'Security Ops', role: 'owner' }],
    ],
    [
      'groups = a -> auditor\n\ngroups = b -> admin',
      [
        { attribute: 'groups', value: 'a', role: 'auditor' },
        { attribute: 'groups', value: 'b', role: 'admin' },
      ],
    ],
    ['', []],
  ])('%j', (text, mappings) => {
    expect(parseRoleMappingLines(text)).toEqual({ ok: true, mappings });
  });

  it.each(['groups parapet-admins admin', 'groups = x -> superuser', '= x -> admin'])(
    'refuses %j, naming the line',
    (text) => {
      const parsed = parseRoleMappingLines(`groups = ok -> admin\n${text}`);
      expect(parsed).toMatchObject({ ok: false, message: expect.stringMatching(/^Line 2 /) });
    },
  );

  it('round-trips stored rules', () => {
    const mappings = [{ attribute: 'groups', value: 'parapet-owners', role: 'owner' }];
    expect(parseRoleMappingLines(roleMappingLines(mappings))).toEqual({ ok: true, mappings });
  });

  it('turns a bad line into an error on the roleMappings field', () => {
    const result = createOidcConnectionFormSchema.safeParse({ roleMappings: 'nonsense' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['roleMappings']);
  });
});

import { describe, expect, it } from 'vitest';
import { mapSsoRole } from './map-sso-role';
import type { RoleMapping } from './sso-roles';

const mappings: RoleMapping[] = [
  { attribute: 'groups', value: 'parapet-auditors', role: 'auditor' },
  { attribute: 'groups', value: 'parapet-admins', role: 'admin' },
  { attribute: 'department', value: 'Security', role: 'owner' },
];

describe('mapSsoRole', () => {
  it.each([
    [{ groups: ['parapet-auditors'] }, 'none', 'auditor'],
    [{ groups: ['parapet-auditors', 'parapet-admins'] }, 'none', 'admin'],
    [{ groups: ['parapet-admins'], department: ['Security'] }, 'none', 'owner'],
    [{ Groups: ['parapet-admins'] }, 'none', 'admin'],
    [{ groups: ['PARAPET-ADMINS'] }, 'none', null],
    [{ groups: ['engineering'] }, 'none', null],
    [{ groups: ['engineering'] }, 'auditor', 'auditor'],
    [{}, 'admin', 'admin'],
    [{ groups: ['parapet-auditors'] }, 'admin', 'auditor'],
  ] as const)('maps %j (default %s) to %s', (attributes, defaultRole, expected) => {
    expect(mapSsoRole({ mappings, defaultRole, attributes })).toBe(expected);
  });

  it('gives no role when there are no mappings and the default is none', () => {
    expect(mapSsoRole({ mappings: [], defaultRole: 'none', attributes: { groups: ['a'] } })).toBe(
      null,
    );
  });
});

import { describe, expect, it } from 'vitest';
import { assignableRoles, canManageRole, roleAtLeast } from './roles';

describe('role rules', () => {
  it.each([
    ['owner', 'owner', true],
    ['owner', 'admin', true],
    ['owner', 'auditor', true],
    ['admin', 'owner', false],
    ['admin', 'admin', true],
    ['admin', 'auditor', true],
    ['auditor', 'owner', false],
    ['auditor', 'admin', false],
    ['auditor', 'auditor', false],
  ] as const)('%s may manage %s: %s', (actorRole, role, expected) => {
    expect(canManageRole({ actorRole, role })).toBe(expected);
  });

  it.each([
    ['owner', 'auditor', true],
    ['admin', 'admin', true],
    ['auditor', 'admin', false],
    ['admin', 'owner', false],
  ] as const)('%s is at least %s: %s', (role, minimum, expected) => {
    expect(roleAtLeast(role, minimum)).toBe(expected);
  });

  it('lists what each role may hand out', () => {
    expect(assignableRoles('owner')).toEqual(['owner', 'admin', 'auditor']);
    expect(assignableRoles('admin')).toEqual(['admin', 'auditor']);
    expect(assignableRoles('auditor')).toEqual([]);
  });
});

import type { Role } from '@parapet/db';

// Roles are ordered: each one can do everything the ones below it can.
const rank: Record<Role, number> = { auditor: 1, admin: 2, owner: 3 };

export function roleAtLeast(role: Role, minimum: Role): boolean {
  return rank[role] >= rank[minimum];
}

export const roleLabels: Record<Role, string> = {
  owner: 'Owner',
  admin: 'Admin',
  auditor: 'Auditor',
};

export const roleDescriptions: Record<Role, string> = {
  owner: 'Everything, including owners and organization settings.',
  admin: 'Manages admins, auditors and invites; cannot touch owners.',
  auditor: 'Read-only access.',
};

/**
 * Which roles an actor may hand out, take away or act upon. Owners manage everyone; admins
 * manage admins and auditors but never an owner; auditors manage nobody.
 */
export function canManageRole({ actorRole, role }: { actorRole: Role; role: Role }): boolean {
  if (actorRole === 'owner') return true;
  if (actorRole === 'admin') return role !== 'owner';
  return false;
}

export function assignableRoles(actorRole: Role): Role[] {
  return (['owner', 'admin', 'auditor'] as const).filter((role) =>
    canManageRole({ actorRole, role }),
  );
}

export function roleRank(role: Role): number {
  return rank[role];
}

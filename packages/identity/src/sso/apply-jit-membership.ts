import type { Prisma, Role } from '@parapet/db';
import { appendActivity } from '@parapet/db/activity';

/**
 * Brings the person's membership in line with what the IdP's attributes map to, and returns the
 * role they hold afterwards (null: no console access).
 * - No membership: one is made with the mapped role, marked with the connection; none when the
 *   mapping gives no access.
 * - A membership an SSO sign-in made (ssoConnectionId set): its role follows the mapping at
 *   every sign-in, and it is removed when the mapping now gives no access, except that the last
 *   owner is never demoted or removed (the organization would be left without one).
 * - A membership made by setup or an invite (ssoConnectionId null) is left alone: an owner
 *   chose that role by hand, and an IdP attribute does not overrule them.
 */
export async function applyJitMembership({
  tx,
  orgId,
  user,
  connection,
  mappedRole,
  ip,
}: {
  tx: Prisma.TransactionClient;
  orgId: string;
  user: { id: string; email: string };
  connection: { id: string; name: string };
  mappedRole: Role | null;
  ip: string | undefined;
}): Promise<Role | null> {
  const membership = await tx.membership.findUnique({
    where: { orgId_userId: { orgId, userId: user.id } },
  });
  const record = (action: string, details: Record<string, unknown>) =>
    appendActivity(tx, {
      orgId,
      actorUserId: user.id,
      actorEmail: user.email,
      action,
      target: user.email,
      details: { ...details, connectionId: connection.id, connection: connection.name },
      ip,
    });
  if (!membership) {
    if (mappedRole === null) return null;
    await tx.membership.create({
      data: { orgId, userId: user.id, role: mappedRole, ssoConnectionId: connection.id },
    });
    await record('sso.member_joined', { role: mappedRole });
    return mappedRole;
  }
  if (membership.ssoConnectionId === null) return membership.role;
  if (membership.role === mappedRole) {
    if (membership.ssoConnectionId !== connection.id) {
      await tx.membership.update({
        where: { id: membership.id },
        data: { ssoConnectionId: connection.id },
      });
    }
    return mappedRole;
  }
  if (membership.role === 'owner' && (await isLastOwner(tx, orgId))) return 'owner';
  if (mappedRole === null) {
    await tx.membership.delete({ where: { id: membership.id } });
    await record('sso.member_removed', { from: membership.role });
    return null;
  }
  await tx.membership.update({
    where: { id: membership.id },
    data: { role: mappedRole, ssoConnectionId: connection.id },
  });
  await record('sso.role_changed', { from: membership.role, to: mappedRole });
  return mappedRole;
}

async function isLastOwner(tx: Prisma.TransactionClient, orgId: string): Promise<boolean> {
  return (await tx.membership.count({ where: { orgId, role: 'owner' } })) <= 1;
}

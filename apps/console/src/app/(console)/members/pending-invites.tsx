import type { Actor, PendingInvite } from '@parapet/accounts';
import { canManageRole, roleAtLeast } from '@parapet/accounts/schemas';
import { ActivityTime } from '@/components/activity/activity-time';
import { EmptyState } from '@/components/ui/empty-state';
import { RoleBadge } from '@/components/ui/role-badge';
import { RevokeInviteButton } from './revoke-invite-button';

/** Invites that can still be accepted, each revocable by those allowed to. */
export function PendingInvites({ actor, invites }: { actor: Actor; invites: PendingInvite[] }) {
  const canManage = roleAtLeast(actor.role, 'admin');
  if (invites.length === 0) {
    return (
      <EmptyState title="No pending invites">
        {canManage ? 'Invite someone above; their invite shows here until it is accepted.' : null}
      </EmptyState>
    );
  }
  return (
    <ul className="divide-y divide-neutral-100">
      {invites.map((invite) => (
        <li
          key={invite.id}
          className="flex flex-wrap items-center justify-between gap-3 py-3 text-sm"
        >
          <div>
            <span className="font-medium text-neutral-900">{invite.email}</span>{' '}
            <RoleBadge role={invite.role} />
            <div className="text-xs text-neutral-500">
              Expires <ActivityTime value={invite.expiresAt} />
            </div>
          </div>
          {canManage && canManageRole({ actorRole: actor.role, role: invite.role }) ? (
            <RevokeInviteButton orgId={actor.orgId} inviteId={invite.id} email={invite.email} />
          ) : null}
        </li>
      ))}
    </ul>
  );
}

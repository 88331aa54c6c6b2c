import type { Actor, MemberRow } from '@parapet/accounts';
import { canManageRole, roleAtLeast } from '@parapet/accounts/schemas';
import type { Role } from '@parapet/db';
import { ActivityTime } from '@/components/activity/activity-time';
import { RoleBadge } from '@/components/ui/role-badge';
import { TableFrame } from '@/components/ui/table-frame';
import { TableHead } from '@/components/ui/table-head';
import { MemberControls } from './member-controls';

/** The member list, with role and removal controls where the viewer's role allows them. */
export function MembersTable({
  actor,
  members,
  roles,
}: {
  actor: Actor;
  members: MemberRow[];
  roles: Role[];
}) {
  const canManage = roleAtLeast(actor.role, 'admin');
  const ownerCount = members.filter((member) => member.role === 'owner').length;
  return (
    <TableFrame caption="Members" minWidth="min-w-[36rem]">
      <TableHead
        columns={[
          { label: 'Member' },
          { label: 'Role' },
          { label: 'Joined' },
          {
            label: canManage ? 'Actions' : <span className="sr-only">Actions</span>,
            className: 'text-right',
          },
        ]}
      />
      <tbody className="divide-y divide-neutral-100">
        {members.map((member) => (
          <MemberTableRow
            key={member.membershipId}
            actor={actor}
            member={member}
            roles={roles}
            lastOwner={member.role === 'owner' && ownerCount <= 1}
          />
        ))}
      </tbody>
    </TableFrame>
  );
}

function MemberTableRow({
  actor,
  member,
  roles,
  lastOwner,
}: {
  actor: Actor;
  member: MemberRow;
  roles: Role[];
  lastOwner: boolean;
}) {
  const canManage = roleAtLeast(actor.role, 'admin');
  // Controls follow the rules the server enforces; hiding them is only a courtesy.
  const manageable = canManage && canManageRole({ actorRole: actor.role, role: member.role });
  return (
    <tr>
      <td className="px-5 py-3">
        <div className="font-medium text-neutral-900">
          {member.name ?? member.email}
          {/* A real space, not a margin, so a screen reader does not run the words together. */}
          {member.isYou ? (
            <>
              {' '}
              <span className="text-xs font-normal text-neutral-500">(you)</span>
            </>
          ) : null}
        </div>
        {member.name ? <div className="text-xs text-neutral-500">{member.email}</div> : null}
      </td>
      <td className="px-5 py-3">
        <RoleBadge role={member.role} />
      </td>
      <td className="px-5 py-3 text-xs text-neutral-500">
        <ActivityTime value={member.joinedAt} />
      </td>
      <td className="px-5 py-3">
        {manageable && !lastOwner ? (
          <MemberControls
            orgId={actor.orgId}
            membershipId={member.membershipId}
            email={member.email}
            role={member.role}
            assignableRoles={roles}
            canChangeRole
            canRemove
          />
        ) : lastOwner && canManage ? (
          <p className="text-right text-xs text-neutral-500">Last owner</p>
        ) : null}
      </td>
    </tr>
  );
}

import { listInvites, listMembers } from '@parapet/accounts';
import { assignableRoles, canManageRole, roleAtLeast } from '@parapet/accounts/schemas';
import { ActivityTime } from '@/components/activity/activity-time';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { RoleBadge } from '@/components/ui/role-badge';
import { db } from '@/server/db';
import { requireMember } from '@/server/pages/require-member';
import { InviteForm } from './invite-form';
import { MemberControls } from './member-controls';
import { RevokeInviteButton } from './revoke-invite-button';

export const metadata = { title: 'Members' };

export default async function MembersPage() {
  const { actor } = await requireMember();
  const [members, invites] = await Promise.all([
    listMembers({ db: db(), actor }),
    listInvites({ db: db(), actor }),
  ]);
  // Controls follow the same rules the server enforces; hiding them is only a courtesy.
  const canManage = roleAtLeast(actor.role, 'admin');
  const roles = assignableRoles(actor.role);
  const ownerCount = members.filter((member) => member.role === 'owner').length;
  return (
    <>
      <PageHeader
        title="Members"
        description="People who can sign in to this organization's console, and their roles."
      />
      {canManage ? (
        <Card
          title="Invite a member"
          description="They get a single-use link, valid for 7 days, to choose a password and join."
          className="mb-6"
        >
          <InviteForm orgId={actor.orgId} roles={roles} />
        </Card>
      ) : null}
      <Card title={`Members (${members.length})`}>
        <div className="-mx-5 overflow-x-auto">
          <table className="w-full min-w-[36rem] text-left text-sm">
            <thead className="text-xs text-neutral-500 uppercase">
              <tr>
                <th scope="col" className="px-5 py-2 font-medium">
                  Member
                </th>
                <th scope="col" className="px-5 py-2 font-medium">
                  Role
                </th>
                <th scope="col" className="px-5 py-2 font-medium">
                  Joined
                </th>
                <th scope="col" className="px-5 py-2 text-right font-medium">
                  {canManage ? 'Actions' : <span className="sr-only">Actions</span>}
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-neutral-100">
              {members.map((member) => {
                const manageable =
                  canManage && canManageRole({ actorRole: actor.role, role: member.role });
                const lastOwner = member.role === 'owner' && ownerCount <= 1;
                return (
                  <tr key={member.membershipId}>
                    <td className="px-5 py-3">
                      <div className="font-medium text-neutral-900">
                        {member.name ?? member.email}
                        {member.isYou ? (
                          <span className="ml-1.5 text-xs font-normal text-neutral-500">(you)</span>
                        ) : null}
                      </div>
                      {member.name ? (
                        <div className="text-xs text-neutral-500">{member.email}</div>
                      ) : null}
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
              })}
            </tbody>
          </table>
        </div>
      </Card>
      <Card title="Pending invites" className="mt-6">
        {invites.length === 0 ? (
          <EmptyState title="No pending invites">
            {canManage
              ? 'Invite someone above; their invite shows here until it is accepted.'
              : null}
          </EmptyState>
        ) : (
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
                  <RevokeInviteButton
                    orgId={actor.orgId}
                    inviteId={invite.id}
                    email={invite.email}
                  />
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </Card>
    </>
  );
}

import { listInvites, listMembers } from '@parapet/accounts';
import { assignableRoles, roleAtLeast } from '@parapet/accounts/schemas';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { ReadOnlyNote } from '@/components/ui/read-only-note';
import { db } from '@/server/db';
import { requireMember } from '@/server/pages/current-member';
import { InviteForm } from './invite-form';
import { MembersTable } from './members-table';
import { PendingInvites } from './pending-invites';

export const metadata = { title: 'Members' };

export default async function MembersPage() {
  const { actor } = await requireMember();
  const [members, invites] = await Promise.all([
    listMembers({ db: db(), actor }),
    listInvites({ db: db(), actor }),
  ]);
  const roles = assignableRoles(actor.role);
  const canManage = roleAtLeast(actor.role, 'admin');
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
      ) : (
        <ReadOnlyNote>
          You have read-only access as an auditor: you can see who is a member and who is invited,
          but inviting, changing roles and removing members take an admin or an owner.
        </ReadOnlyNote>
      )}
      <Card title={`Members (${members.length})`}>
        <MembersTable actor={actor} members={members} roles={roles} />
      </Card>
      <Card title="Pending invites" className="mt-6">
        <PendingInvites actor={actor} invites={invites} />
      </Card>
    </>
  );
}

import { roleAtLeast } from '@parapet/accounts/schemas';
import { listDirectories } from '@parapet/directory';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { ReadOnlyNote } from '@/components/ui/read-only-note';
import { db } from '@/server/db';
import { readNextRequest } from '@/server/entry-points/request';
import { requireMember } from '@/server/pages/current-member';
import { CreateDirectoryForm } from './create-directory-form';
import { DirectoriesTable } from './directories-table';

export const metadata = { title: 'Directories' };

export default async function DirectoriesPage() {
  const { actor } = await requireMember();
  const { origin } = await readNextRequest();
  const directories = await listDirectories({ db: db(), actor, origin });
  const isOwner = roleAtLeast(actor.role, 'owner');
  return (
    <>
      <PageHeader
        title="Directories"
        description="Your identity provider (Okta, Entra ID, Google, JumpCloud) provisions people and groups here over SCIM 2.0. Map its groups to policy groups, and membership follows the IdP: who joins or leaves a group gets or loses that policy at once."
      />
      {isOwner ? (
        <Card
          title="Connect a directory"
          description="You get a SCIM base URL and a bearer token to paste into the IdP. The token is shown once and stored hashed."
          className="mb-6"
        >
          <CreateDirectoryForm orgId={actor.orgId} />
        </Card>
      ) : (
        <ReadOnlyNote>
          You can see the directories and what they do; connecting, rotating or deleting one takes
          an owner{roleAtLeast(actor.role, 'admin') ? ', and you can map their groups' : ''}.
        </ReadOnlyNote>
      )}
      <Card title={`Directories (${directories.length})`}>
        {directories.length === 0 ? (
          <EmptyState title="No directories yet">
            {isOwner ? 'Connect one above.' : 'An owner connects them.'}
          </EmptyState>
        ) : (
          <DirectoriesTable directories={directories} now={new Date()} />
        )}
      </Card>
    </>
  );
}

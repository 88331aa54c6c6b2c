import { roleAtLeast } from '@parapet/accounts/schemas';
import { listEnrollmentTokens } from '@parapet/distribution';
import { listPolicyGroups } from '@parapet/policy-admin';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { ReadOnlyNote } from '@/components/ui/read-only-note';
import { db } from '@/server/db';
import { requireMember } from '@/server/pages/current-member';
import { DevicesTabs } from '../devices-tabs';
import { CreateEnrollmentTokenForm } from './create-enrollment-token-form';
import { EnrollmentTokensTable } from './enrollment-tokens-table';

export const metadata = { title: 'Enrollment tokens' };

export default async function EnrollmentTokensPage() {
  const { actor } = await requireMember();
  const canManage = roleAtLeast(actor.role, 'admin');
  const [tokens, groups] = await Promise.all([
    listEnrollmentTokens({ db: db(), actor }),
    canManage ? listPolicyGroups({ db: db(), actor }) : [],
  ]);
  return (
    <>
      <PageHeader
        title="Enrollment tokens"
        description="A device joins this organization with an enrollment token: run the command a token comes with on the device, and it enrolls with its own key. Only the token’s hash is kept."
      />
      <DevicesTabs />
      {canManage ? (
        <Card
          title="Create a token"
          description="For one person’s device, or a fleet with groups. The token is shown once."
          className="mb-6"
        >
          <CreateEnrollmentTokenForm orgId={actor.orgId} groups={groups.map((g) => g.name)} />
        </Card>
      ) : (
        <ReadOnlyNote>
          You can see this organization’s enrollment tokens, but creating and revoking them takes an
          admin or an owner.
        </ReadOnlyNote>
      )}
      <Card title={`Tokens (${tokens.length})`}>
        {tokens.length === 0 ? (
          <EmptyState title="No enrollment tokens yet">
            {canManage
              ? 'Create one above, then run its command on the device you want to enroll.'
              : 'An admin creates them; each enrolls one device, or a fleet if reusable.'}
          </EmptyState>
        ) : (
          <EnrollmentTokensTable orgId={actor.orgId} tokens={tokens} canManage={canManage} />
        )}
      </Card>
    </>
  );
}

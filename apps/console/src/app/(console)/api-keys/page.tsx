import { listApiKeys } from '@parapet/accounts';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { ReadOnlyNote } from '@/components/ui/read-only-note';
import { db } from '@/server/db';
import { requireMember } from '@/server/pages/current-member';
import { ApiKeysTable } from './api-keys-table';
import { CreateApiKeyForm } from './create-api-key-form';

export const metadata = { title: 'API keys' };

export default async function ApiKeysPage() {
  const { actor } = await requireMember();
  const apiKeys = await listApiKeys({ db: db(), actor });
  const canManage = actor.role === 'owner';
  return (
    <>
      <PageHeader
        title="API keys"
        description={
          <>
            Keys let automation (CI, GitOps tooling) use the admin API under{' '}
            <code className="font-mono text-xs">/api/v1</code> with a role of its own. Every use is
            recorded in the activity log under the key and the owner who created it.
          </>
        }
      />
      {canManage ? (
        <Card
          title="Create an API key"
          description="The key is shown once. No key can have a role above yours."
          className="mb-6"
        >
          <CreateApiKeyForm orgId={actor.orgId} />
        </Card>
      ) : (
        <ReadOnlyNote>
          You can see this organization’s API keys, but creating and revoking them takes an owner.
        </ReadOnlyNote>
      )}
      <Card title={`API keys (${apiKeys.length})`}>
        {apiKeys.length === 0 ? (
          <EmptyState title="No API keys yet">
            {canManage ? 'Create one above for your first script or pipeline.' : null}
          </EmptyState>
        ) : (
          <ApiKeysTable
            orgId={actor.orgId}
            apiKeys={apiKeys}
            canManage={canManage}
            now={new Date()}
          />
        )}
      </Card>
    </>
  );
}

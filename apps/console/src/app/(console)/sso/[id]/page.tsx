import { roleAtLeast } from '@parapet/accounts/schemas';
import { AppError } from '@parapet/errors';
import { getSsoConnection, samlSpValues } from '@parapet/identity';
import { notFound } from 'next/navigation';
import { CopyButton } from '@/components/forms/copy-button';
import { SubmissionBoundary } from '@/components/forms/submission-boundary';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { db } from '@/server/db';
import { requireMember } from '@/server/pages/current-member';
import { roleMappingLines } from '../oidc/oidc-form-input';
import { deleteSsoConnectionAction, updateSsoConnectionAction } from './actions';
import { ConnectionSettingsForm, DeleteConnectionForm } from './connection-forms';

export const metadata = { title: 'SSO connection' };

async function loadConnection(actor: Parameters<typeof getSsoConnection>[0]['actor'], id: string) {
  try {
    return await getSsoConnection({ db: db(), actor, id });
  } catch (error) {
    if (error instanceof AppError && (error.code === 'NOT_FOUND' || error.code === 'INVALID_INPUT'))
      notFound();
    throw error;
  }
}

export default async function SsoConnectionPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { actor } = await requireMember();
  if (!/^[0-9a-f-]{36}$/.test(id)) notFound();
  const connection = await loadConnection(actor, id);
  const isOwner = roleAtLeast(actor.role, 'owner');
  const { readOrigin } = await import('@/server/http/read-origin');
  const { headers } = await import('next/headers');
  const origin = readOrigin(await headers());
  const values =
    connection.protocol === 'saml'
      ? Object.entries({
          'SP entity ID (audience)': samlSpValues(origin).spEntityId,
          'ACS URL (single sign-on URL)': samlSpValues(origin).acsUrl,
          'SP metadata URL': samlSpValues(origin).spMetadataUrl,
          'Name ID': 'Email address',
          'Groups attribute statement': connection.groupsAttribute,
        })
      : Object.entries({ 'Redirect URI': `${origin}/api/auth/callback/oidc-${connection.id}` });
  return (
    <>
      <PageHeader
        title={connection.name}
        description={`${connection.protocol.toUpperCase()} connection · ${connection.enabled ? 'enabled' : 'disabled'}`}
      />
      <div className="space-y-6">
        <Card title="Values for your identity provider">
          <dl className="space-y-3 text-sm">
            {values.map(([label, value]) => (
              <div key={label} className="flex flex-wrap items-center gap-2">
                <dt className="w-56 text-neutral-500">{label}</dt>
                <dd className="flex items-center gap-2">
                  <code className="break-all rounded bg-neutral-100 px-2 py-1" data-testid={label}>
                    {value}
                  </code>
                  <CopyButton value={value} label="Copy" />
                </dd>
              </div>
            ))}
          </dl>
        </Card>
        <Card title="Role mapping" description="Checked at every sign-in through this connection.">
          {isOwner ? (
            <SubmissionBoundary>
              <ConnectionSettingsForm
                orgId={actor.orgId}
                action={updateSsoConnectionAction}
                connection={{
                  id: connection.id,
                  name: connection.name,
                  enabled: connection.enabled,
                  groupsAttribute: connection.groupsAttribute,
                  roleMappings: roleMappingLines(connection.roleMappings),
                  defaultRole: connection.defaultRole,
                }}
              />
            </SubmissionBoundary>
          ) : (
            <pre className="text-sm">
              {roleMappingLines(connection.roleMappings) || 'No mapping.'}
            </pre>
          )}
        </Card>
        {isOwner ? (
          <SubmissionBoundary>
            <DeleteConnectionForm
              orgId={actor.orgId}
              id={connection.id}
              action={deleteSsoConnectionAction}
            />
          </SubmissionBoundary>
        ) : null}
      </div>
    </>
  );
}

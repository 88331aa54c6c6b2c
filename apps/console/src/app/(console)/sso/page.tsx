import { roleAtLeast } from '@parapet/accounts/schemas';
import { getSsoSettings, listDomains, listSsoConnections } from '@parapet/identity';
import Link from 'next/link';
import { SubmissionBoundary } from '@/components/forms/submission-boundary';
import { buttonClasses } from '@/components/ui/button-classes';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { ReadOnlyNote } from '@/components/ui/read-only-note';
import { TableFrame } from '@/components/ui/table-frame';
import { db } from '@/server/db';
import { requireMember } from '@/server/pages/current-member';
import {
  claimDomainAction,
  createSamlConnectionAction,
  releaseDomainAction,
  setRequireSsoAction,
} from './actions';
import { DomainsCard } from './domains-card';
import { RequireSsoForm } from './require-sso-form';
import { SamlConnectionForm } from './saml-connection-form';

export const metadata = { title: 'Single sign-on' };

export default async function SsoPage() {
  const { actor } = await requireMember();
  const isOwner = roleAtLeast(actor.role, 'owner');
  const [connections, domains, settings] = await Promise.all([
    listSsoConnections({ db: db(), actor }),
    listDomains({ db: db(), actor }),
    getSsoSettings({ db: db(), orgId: actor.orgId }),
  ]);
  return (
    <>
      <PageHeader
        title="Single sign-on"
        description="Members sign in through your identity provider. Their console role comes from its groups, at every sign-in."
      />
      <div className="space-y-6">
        <Card
          title="Connections"
          actions={
            isOwner ? (
              <Link href="/sso/oidc/new" className={buttonClasses('secondary')}>
                Add OIDC connection
              </Link>
            ) : null
          }
        >
          {connections.length === 0 ? (
            <p className="text-sm text-neutral-500">No connection yet.</p>
          ) : (
            <TableFrame caption="SSO connections" minWidth="min-w-[32rem]" flush>
              <thead>
                <tr className="text-xs uppercase text-neutral-500">
                  <th className="px-5 py-2">Name</th>
                  <th className="px-5 py-2">Protocol</th>
                  <th className="px-5 py-2">State</th>
                  <th className="px-5 py-2">Mappings</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-neutral-100">
                {connections.map((connection) => (
                  <tr key={connection.id}>
                    <td className="px-5 py-2">
                      <Link
                        href={`/sso/${connection.id}`}
                        className="font-medium text-sky-700 hover:underline"
                      >
                        {connection.name}
                      </Link>
                    </td>
                    <td className="px-5 py-2 uppercase">{connection.protocol}</td>
                    <td className="px-5 py-2">{connection.enabled ? 'Enabled' : 'Disabled'}</td>
                    <td className="px-5 py-2">{connection.roleMappings.length}</td>
                  </tr>
                ))}
              </tbody>
            </TableFrame>
          )}
        </Card>
        {isOwner ? (
          <Card
            title="Add SAML connection"
            description="Create a SAML app at your IdP with the values shown on the connection’s page once it is added, then come back with its metadata."
          >
            <SubmissionBoundary>
              <SamlConnectionForm orgId={actor.orgId} action={createSamlConnectionAction} />
            </SubmissionBoundary>
          </Card>
        ) : (
          <ReadOnlyNote>Only owners change single sign-on.</ReadOnlyNote>
        )}
        <Card
          title="Domains"
          description="People whose email is at a claimed domain are sent to this organization’s identity provider. A domain belongs to one organization."
        >
          <DomainsCard
            orgId={actor.orgId}
            domains={domains}
            canChange={isOwner}
            claim={claimDomainAction}
            release={releaseDomainAction}
          />
        </Card>
        <Card title="Require SSO">
          {isOwner ? (
            <SubmissionBoundary>
              <RequireSsoForm
                orgId={actor.orgId}
                requireSso={settings.requireSso}
                action={setRequireSsoAction}
              />
            </SubmissionBoundary>
          ) : (
            <p className="text-sm text-neutral-700">
              Require SSO is <strong>{settings.requireSso ? 'on' : 'off'}</strong>.
            </p>
          )}
        </Card>
      </div>
    </>
  );
}

import { roleAtLeast } from '@parapet/accounts/schemas';
import { SubmissionBoundary } from '@/components/forms/submission-boundary';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { ReadOnlyNote } from '@/components/ui/read-only-note';
import { requireMember } from '@/server/pages/current-member';
import { createOidcConnectionAction } from './actions';
import { OidcConnectionForm } from './oidc-connection-form';

export const metadata = { title: 'Add OIDC connection' };

export default async function NewOidcConnectionPage() {
  const { actor } = await requireMember();
  return (
    <>
      <PageHeader
        title="Add OIDC connection"
        description="Sign members in through an OpenID Connect provider (Okta, Entra ID, Google Workspace, Keycloak…). People whose email domain the organization has claimed are sent to it from the sign-in page."
      />
      {roleAtLeast(actor.role, 'owner') ? (
        <Card
          title="Connection"
          description="Create a web app (authorization code flow) at the IdP first; its redirect URI is shown once the connection is saved."
        >
          <SubmissionBoundary>
            <OidcConnectionForm orgId={actor.orgId} action={createOidcConnectionAction} />
          </SubmissionBoundary>
        </Card>
      ) : (
        <ReadOnlyNote>Only owners add single sign-on connections.</ReadOnlyNote>
      )}
    </>
  );
}

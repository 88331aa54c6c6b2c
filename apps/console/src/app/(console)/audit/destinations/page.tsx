import { roleAtLeast } from '@parapet/accounts/schemas';
import { listDestinations } from '@parapet/audit/destinations';
import { AuditTabs } from '@/components/audit/audit-tabs';
import { DestinationForm } from '@/components/destinations/destination-form';
import { DestinationList } from '@/components/destinations/destination-list';
import { SubmissionBoundary } from '@/components/forms/submission-boundary';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { ReadOnlyNote } from '@/components/ui/read-only-note';
import { db } from '@/server/db';
import { requireMember } from '@/server/pages/current-member';
import {
  createDestinationAction,
  deleteDestinationAction,
  sendTestEventAction,
  setDestinationEnabledAction,
  updateDestinationAction,
} from './actions';

export const metadata = { title: 'SIEM export' };

export default async function DestinationsPage() {
  const { actor } = await requireMember();
  const canManage = roleAtLeast(actor.role, 'admin');
  const destinations = await listDestinations({ db: db(), actor });
  const now = new Date();
  return (
    <>
      <PageHeader
        title="SIEM export"
        description="Every stored event and every admin action goes to each destination in the order it was stored. A destination that fails keeps its backlog and catches up when it recovers."
      />
      <AuditTabs />
      {canManage ? (
        <Card
          title="Add a destination"
          description="It receives what is stored from now on. Secrets are stored encrypted and never shown again."
          className="mb-6"
        >
          <SubmissionBoundary>
            <DestinationForm orgId={actor.orgId} action={createDestinationAction} />
          </SubmissionBoundary>
        </Card>
      ) : (
        <ReadOnlyNote>
          You can see where this organization’s events go and how each destination is doing, but
          changing them takes an admin or an owner.
        </ReadOnlyNote>
      )}
      <Card title={`Destinations (${destinations.length})`}>
        {destinations.length === 0 ? (
          <EmptyState title="No destinations yet">
            {canManage
              ? 'Add one above: a webhook, Splunk, Elastic, Datadog or syslog.'
              : 'An admin adds them.'}
          </EmptyState>
        ) : (
          <DestinationList
            orgId={actor.orgId}
            destinations={destinations}
            now={now}
            actions={
              canManage
                ? {
                    update: updateDestinationAction,
                    setEnabled: setDestinationEnabledAction,
                    remove: deleteDestinationAction,
                    sendTest: sendTestEventAction,
                  }
                : undefined
            }
          />
        )}
      </Card>
    </>
  );
}

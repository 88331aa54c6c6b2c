import { roleAtLeast } from '@parapet/accounts/schemas';
import {
  directoryEventOutcomes,
  getDirectory,
  listDirectoryEvents,
  listDirectoryGroups,
} from '@parapet/directory';
import { isAppError } from '@parapet/errors';
import { listPolicyGroups } from '@parapet/policy-admin';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import type { ReactNode } from 'react';
import { FilterForm, NextPageLink, singleParam } from '@/components/forms/filter-form';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { SelectField } from '@/components/ui/field';
import { PageHeader } from '@/components/ui/page-header';
import { RelativeTime } from '@/components/ui/relative-time';
import { db } from '@/server/db';
import { readNextRequest } from '@/server/entry-points/request';
import { requireMember } from '@/server/pages/current-member';
import { CopyValue } from './copy-value';
import { DirectoryControls } from './directory-controls';
import { DirectoryEventsTable } from './directory-events-table';
import { DirectoryGroupsTable } from './directory-groups-table';

export const metadata = { title: 'Directory' };

type SearchParams = Record<string, string | string[] | undefined>;

export default async function DirectoryPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<SearchParams>;
}) {
  const { actor } = await requireMember();
  const { id } = await params;
  const query = await searchParams;
  const { origin } = await readNextRequest();
  const directory = await getDirectory({ db: db(), actor, input: { id }, origin }).catch(
    (error) => {
      if (isAppError(error) && (error.code === 'NOT_FOUND' || error.code === 'INVALID_INPUT')) {
        notFound();
      }
      throw error;
    },
  );
  const outcome = readOutcome(singleParam(query.outcome));
  const cursor = singleParam(query.cursor);
  const eventsInput = { id, ...(outcome ? { outcome } : {}) };
  const [groups, policyGroups, events] = await Promise.all([
    listDirectoryGroups({ db: db(), actor, input: { id } }),
    listPolicyGroups({ db: db(), actor }),
    // A spoiled cursor (a hand-edited address) shows the first page rather than an error.
    listDirectoryEvents({
      db: db(),
      actor,
      input: { ...eventsInput, ...(cursor ? { cursor } : {}) },
    }).catch(() => listDirectoryEvents({ db: db(), actor, input: eventsInput })),
  ]);
  const now = new Date();
  const action = `/directories/${id}`;
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/directories" className="text-accent-700 hover:underline">
          ← Directories
        </Link>
      </p>
      <PageHeader title={directory.name} description="A SCIM 2.0 directory connection." />
      <div className="grid gap-6 xl:grid-cols-2">
        <Card title="Connection">
          <dl className="divide-y divide-neutral-100 text-sm">
            <Fact label="SCIM base URL">
              <CopyValue id="directory-base-url" value={directory.scimBaseUrl} />
            </Fact>
            <Fact label="Token">
              <span className="font-mono text-xs">{directory.tokenPrefix}…</span>
              <span className="text-neutral-500">
                {' '}
                (sent as <span className="font-mono">Authorization: Bearer</span>)
                {directory.tokenRotatedAt ? (
                  <>
                    , rotated <RelativeTime value={directory.tokenRotatedAt} now={now} />
                  </>
                ) : null}
              </span>
            </Fact>
          </dl>
          {roleAtLeast(actor.role, 'owner') ? (
            <div className="mt-4">
              <DirectoryControls orgId={actor.orgId} id={directory.id} name={directory.name} />
            </div>
          ) : null}
        </Card>
        <Card title="Sync">
          <dl className="divide-y divide-neutral-100 text-sm">
            <Fact label="Last sync">
              {directory.lastSyncAt ? (
                <RelativeTime value={directory.lastSyncAt} now={now} />
              ) : (
                'Never: the IdP has not sent a change yet'
              )}
            </Fact>
            <Fact label="People">
              <span data-testid="directory-user-count">{directory.userCount}</span>
            </Fact>
            <Fact label="Groups">{directory.groupCount}</Fact>
            <Fact label="Requests">{directory.requestCount}</Fact>
            <Fact label="Errors">
              <span className={directory.errorCount > 0 ? 'font-medium text-red-700' : undefined}>
                {directory.errorCount}
              </span>
              {directory.lastErrorAt ? (
                <span className="text-neutral-500">
                  {' '}
                  (last <RelativeTime value={directory.lastErrorAt} now={now} />)
                </span>
              ) : null}
            </Fact>
          </dl>
        </Card>
      </div>
      <Card
        title={`Groups (${groups.length})`}
        description="The IdP’s groups as it pushed them. A group grants nothing until you map it to policy groups."
        className="mt-6"
      >
        {groups.length === 0 ? (
          <EmptyState title="No groups yet">
            Assign groups to the Parapet app in the IdP and push them (Okta: Push Groups; Entra ID:
            assign the groups and start provisioning).
          </EmptyState>
        ) : (
          <DirectoryGroupsTable
            orgId={actor.orgId}
            directoryId={id}
            groups={groups}
            policyGroups={policyGroups.map((group) => group.name)}
            canMap={roleAtLeast(actor.role, 'admin')}
          />
        )}
      </Card>
      <Card title="Event log" className="mt-6">
        <FilterForm
          action={action}
          filtered={outcome !== undefined}
          className="mb-4 grid items-end gap-3 sm:grid-cols-[12rem_auto_auto]"
        >
          <SelectField
            id="directory-events-outcome"
            name="outcome"
            label="Outcome"
            defaultValue={outcome ?? ''}
            options={[
              { value: '', label: 'All' },
              ...directoryEventOutcomes.map((value) => ({ value, label: value })),
            ]}
          />
        </FilterForm>
        {events.events.length === 0 ? (
          <EmptyState title="No events">
            {outcome ? 'Nothing with this outcome.' : 'What the IdP sends shows up here.'}
          </EmptyState>
        ) : (
          <DirectoryEventsTable events={events.events} now={now} />
        )}
        {events.nextCursor ? (
          <NextPageLink
            action={action}
            filters={{ outcome }}
            cursorParam="cursor"
            cursor={events.nextCursor}
          />
        ) : null}
      </Card>
    </>
  );
}

function readOutcome(value: string | undefined) {
  return directoryEventOutcomes.find((outcome) => outcome === value);
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid gap-1 py-2.5 sm:grid-cols-[9rem_1fr]">
      <dt className="text-neutral-500">{label}</dt>
      <dd className="min-w-0 text-neutral-900">{children}</dd>
    </div>
  );
}

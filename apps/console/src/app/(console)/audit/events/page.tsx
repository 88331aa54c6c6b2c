import { listEvents } from '@parapet/audit/dashboards';
import { getPgPool } from '@parapet/db';
import { listPolicyGroups } from '@parapet/policy-admin';
import { AuditFilters } from '@/components/audit/audit-filters';
import { AuditTabs } from '@/components/audit/audit-tabs';
import { EventsTable } from '@/components/audit/events-table';
import { ExportEventsButton } from '@/components/audit/export-events-button';
import { auditQuery, readAuditFilters } from '@/components/audit/read-audit-filters';
import { NextPageLink, singleParam } from '@/components/forms/filter-form';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { db } from '@/server/db';
import { requireMember } from '@/server/pages/current-member';
import { loadAuditView } from '../load-audit-view';

export const metadata = { title: 'Audit events' };

export default async function AuditEventsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { actor } = await requireMember();
  const params = await searchParams;
  const values = readAuditFilters(params);
  const cursor = singleParam(params.cursor);
  const pool = getPgPool();
  const [{ result: page, errors }, groups] = await Promise.all([
    loadAuditView(values, (input) =>
      listEvents({ pool, actor, input: { ...input, ...(cursor ? { cursor } : {}) } }).catch(() =>
        listEvents({ pool, actor, input }),
      ),
    ),
    listPolicyGroups({ db: db(), actor }),
  ]);
  const exportQuery = (format: string) =>
    `/api/v1/events/export${auditQuery(values, { orgId: actor.orgId, format })}`;
  return (
    <>
      <PageHeader title="Audit" description="Every stored decision event, newest first." />
      <AuditTabs />
      <AuditFilters
        action="/audit/events"
        values={values}
        groups={groups.map((group) => group.name)}
        labels={{}}
        errors={errors}
      />
      <Card
        title="Events"
        actions={
          <div className="flex flex-wrap gap-4">
            <ExportEventsButton href={exportQuery('csv')} format="csv" />
            <ExportEventsButton href={exportQuery('ndjson')} format="ndjson" />
          </div>
        }
      >
        {page.events.length === 0 ? (
          <EmptyState title="No events match these filters">
            Devices report their decisions with parapet-agent; try a longer time range.
          </EmptyState>
        ) : (
          <EventsTable events={page.events} />
        )}
        {page.nextCursor ? (
          <NextPageLink
            action="/audit/events"
            filters={values}
            cursorParam="cursor"
            cursor={page.nextCursor}
          />
        ) : null}
      </Card>
    </>
  );
}

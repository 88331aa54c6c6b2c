import { listDeviceChains, loadDashboard } from '@parapet/audit/dashboards';
import { getPgPool } from '@parapet/db';
import { listPolicyGroups } from '@parapet/policy-admin';
import Link from 'next/link';
import { AuditFilters } from '@/components/audit/audit-filters';
import { AuditTabs } from '@/components/audit/audit-tabs';
import { BreakdownCard, RankedList, TotalsRow } from '@/components/audit/dashboard-panels';
import { ExportEventsButton } from '@/components/audit/export-events-button';
import { auditQuery, readAuditFilters } from '@/components/audit/read-audit-filters';
import { TimelineChart } from '@/components/audit/timeline-chart';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { db } from '@/server/db';
import { requireMember } from '@/server/pages/current-member';
import { loadAuditView } from './load-audit-view';

export const metadata = { title: 'Audit' };

const surfaceTitles = {
  network: 'Top denied hosts',
  filesystem: 'Top denied paths',
  mcp: 'Top denied MCP servers and tools',
  credential: 'Top denied credentials',
} as const;

export default async function AuditDashboardPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { actor } = await requireMember();
  const values = readAuditFilters(await searchParams);
  const pool = getPgPool();
  const [{ result: dashboard, errors }, chains, groups] = await Promise.all([
    loadAuditView(values, (input) => loadDashboard({ pool, actor, input })),
    listDeviceChains({ pool, actor, input: {} }),
    listPolicyGroups({ db: db(), actor }),
  ]);
  const labels = {
    person: dashboard.breakdowns.person.find((row) => row.key === values.person)?.label,
    device: dashboard.breakdowns.device.find((row) => row.key === values.device)?.label,
  };
  const exportQuery = (format: string) =>
    `/api/v1/events/export${auditQuery(values, { orgId: actor.orgId, format })}`;
  return (
    <>
      <PageHeader
        title="Audit"
        description="What your agents did and what Parapet decided: every decision your devices reported, filtered and counted. Share a view by its address."
      />
      <AuditTabs />
      <AuditFilters
        action="/audit"
        values={values}
        groups={groups.map((group) => group.name)}
        labels={labels}
        errors={errors}
      />
      <p className="mb-3 text-xs text-neutral-500" data-testid="audit-range">
        {dashboard.from.replace('T', ' ').slice(0, 16)} –{' '}
        {dashboard.to.replace('T', ' ').slice(0, 16)} UTC · counted from{' '}
        {dashboard.source === 'rollups' ? 'rollups and the newest events' : 'the stored events'}
      </p>
      <TotalsRow totals={dashboard.totals} values={values} />
      <div className="mb-6 flex flex-wrap items-center gap-4">
        <ExportEventsButton href={exportQuery('csv')} format="csv" />
        <ExportEventsButton href={exportQuery('ndjson')} format="ndjson" />
        <Link
          href={`/audit/events${auditQuery(values)}`}
          className="text-sm text-accent-700 underline"
        >
          Browse these events
        </Link>
      </div>
      <div className="grid gap-6 xl:grid-cols-2">
        <Card title="Decisions over time">
          <TimelineChart
            points={dashboard.timeline}
            series={['allow', 'deny', 'ask']}
            unit={dashboard.unit}
            label="Decisions over time"
          />
        </Card>
        <Card title="Events by surface">
          <TimelineChart
            points={dashboard.timeline}
            series={['network', 'filesystem', 'credential', 'mcp']}
            unit={dashboard.unit}
            label="Events by surface"
          />
        </Card>
      </div>
      <div className="mt-6 grid gap-6 md:grid-cols-2 xl:grid-cols-4">
        {(['network', 'filesystem', 'mcp', 'credential'] as const).map((surface) => (
          <RankedList
            key={surface}
            title={surfaceTitles[surface]}
            rows={dashboard.topDenied[surface]}
            empty="Nothing denied."
            testId={`top-denied-${surface}`}
          />
        ))}
      </div>
      <div className="mt-6 grid gap-6 xl:grid-cols-3">
        <RankedList
          title="Audit mode: would have been denied"
          rows={dashboard.auditHits}
          empty="Audit mode let nothing through that enforcement would deny."
          testId="audit-hits"
        />
        <Card title="Device chains">
          <p className="text-sm" data-testid="chain-counts">
            {chains.counts.ok} intact · {chains.counts.gaps} with gaps · {chains.counts.breaks} with
            breaks · {chains.counts.late} with late events
          </p>
          <Link
            href="/audit/chains"
            className="mt-2 inline-block text-sm text-accent-700 underline"
          >
            Device chains and verification
          </Link>
        </Card>
      </div>
      <div className="mt-6 grid gap-6 md:grid-cols-2 xl:grid-cols-4">
        <BreakdownCard
          title="By person"
          dimension="person"
          rows={dashboard.breakdowns.person}
          values={values}
        />
        <BreakdownCard
          title="By device"
          dimension="device"
          rows={dashboard.breakdowns.device}
          values={values}
        />
        <BreakdownCard
          title="By group"
          dimension="group"
          rows={dashboard.breakdowns.group}
          values={values}
        />
        <BreakdownCard
          title="By rule"
          dimension="rule"
          rows={dashboard.breakdowns.rule}
          values={values}
        />
      </div>
    </>
  );
}

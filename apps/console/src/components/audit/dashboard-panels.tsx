import type { BreakdownRow, Dashboard, RankedResource } from '@parapet/audit/dashboards';
import Link from 'next/link';
import { Card } from '@/components/ui/card';
import { type AuditFilterValues, auditQuery } from './read-audit-filters';

const number = (value: number) => value.toLocaleString('en');

/** The totals of the filtered view, each a link to its events. */
export function TotalsRow({
  totals,
  values,
}: {
  totals: Dashboard['totals'];
  values: AuditFilterValues;
}) {
  const stats = [
    { label: 'Events', value: totals.events, query: {} },
    { label: 'Allowed', value: totals.allow, query: { decision: 'allow' } },
    { label: 'Denied', value: totals.deny, query: { decision: 'deny' } },
    { label: 'Asked', value: totals.ask, query: { decision: 'ask' } },
    {
      label: 'Would have been denied',
      value: totals.auditDeny,
      query: { decision: 'deny', mode: 'audit' },
    },
  ];
  return (
    <dl className="mb-6 grid gap-3 sm:grid-cols-3 lg:grid-cols-5" data-testid="audit-totals">
      {stats.map((stat) => (
        <div key={stat.label} className="rounded-lg border border-neutral-200 bg-white px-4 py-3">
          <dt className="text-xs text-neutral-500">{stat.label}</dt>
          <dd
            className="text-xl font-semibold tabular-nums"
            data-testid={`total-${stat.label.toLowerCase().replaceAll(' ', '-')}`}
          >
            <Link
              href={`/audit/events${auditQuery(values, stat.query)}`}
              className="hover:underline"
            >
              {number(stat.value)}
            </Link>
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** A ranked list of resources with their counts; empty lists say so. */
export function RankedList({
  title,
  rows,
  empty,
  testId,
}: {
  title: string;
  rows: RankedResource[];
  empty: string;
  testId: string;
}) {
  return (
    <Card title={title}>
      {rows.length === 0 ? (
        <p className="text-sm text-neutral-500">{empty}</p>
      ) : (
        <ol className="space-y-1 text-sm" data-testid={testId}>
          {rows.map((row) => (
            <li key={`${row.surface}:${row.resource}`} className="flex justify-between gap-3">
              <span className="truncate font-mono text-xs" title={row.resource}>
                {row.resource}
              </span>
              <span className="tabular-nums text-neutral-700">{number(row.count)}</span>
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}

const emptyKeyLabel: Record<string, string> = {
  person: 'No person (shared device)',
  rule: 'Default deny / no rule',
  group: 'No group',
  device: 'Unknown device',
};

/** A breakdown by person, device, group or rule; each row filters the view to it. */
export function BreakdownCard({
  title,
  dimension,
  rows,
  values,
}: {
  title: string;
  dimension: 'person' | 'device' | 'group' | 'rule';
  rows: BreakdownRow[];
  values: AuditFilterValues;
}) {
  return (
    <Card title={title}>
      {rows.length === 0 ? (
        <p className="text-sm text-neutral-500">No events.</p>
      ) : (
        <table className="w-full text-sm" data-testid={`breakdown-${dimension}`}>
          <thead>
            <tr className="text-left text-xs text-neutral-500">
              <th className="py-1 font-medium">{dimension}</th>
              <th className="py-1 text-right font-medium">events</th>
              <th className="py-1 text-right font-medium">denied</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key} className="border-t border-neutral-100">
                <td className="max-w-0 truncate py-1">
                  {row.key === '' ? (
                    <span className="text-neutral-500">{emptyKeyLabel[dimension]}</span>
                  ) : (
                    <Link
                      href={`/audit${auditQuery(values, { [dimension]: row.key })}`}
                      className="text-accent-700 hover:underline"
                    >
                      {row.label}
                    </Link>
                  )}
                </td>
                <td className="py-1 text-right tabular-nums">{number(row.total)}</td>
                <td className="py-1 text-right tabular-nums">{number(row.denied)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Card>
  );
}

import { getOverview } from '@parapet/accounts';
import { activityLabel, roleDescriptions } from '@parapet/accounts/schemas';
import Link from 'next/link';
import { ActivityTime } from '@/components/activity/activity-time';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { RoleBadge } from '@/components/ui/role-badge';
import { db } from '@/server/db';
import { requireMember } from '@/server/pages/require-member';

export const metadata = { title: 'Overview' };

export default async function OverviewPage() {
  const { actor } = await requireMember();
  const overview = await getOverview({ db: db(), actor });
  return (
    <>
      <PageHeader title="Overview" description="Your organization at a glance." />
      <dl className="grid gap-4 sm:grid-cols-3">
        <Stat label="Organization" value={overview.organization.name} />
        <Stat
          label="Members"
          value={String(overview.memberCount)}
          detail={
            overview.pendingInviteCount > 0
              ? `${overview.pendingInviteCount} pending invite${overview.pendingInviteCount === 1 ? '' : 's'}`
              : undefined
          }
        />
        <div className="rounded-lg border border-neutral-200 bg-white px-5 py-4 shadow-xs">
          <dt className="text-sm text-neutral-500">Your role</dt>
          <dd className="mt-2">
            <RoleBadge role={overview.yourRole} />
            <p className="mt-2 text-xs text-neutral-500">{roleDescriptions[overview.yourRole]}</p>
          </dd>
        </div>
      </dl>
      <Card
        title="Recent activity"
        className="mt-6"
        actions={
          <Link
            href="/activity"
            className="text-sm font-medium text-accent-700 hover:text-accent-800"
          >
            View all
          </Link>
        }
      >
        {overview.recentActivity.length === 0 ? (
          <EmptyState title="No activity yet" />
        ) : (
          <ul className="divide-y divide-neutral-100">
            {overview.recentActivity.map((entry) => (
              <li
                key={entry.id}
                className="flex flex-wrap items-baseline justify-between gap-2 py-2.5 text-sm"
              >
                <span>
                  <span className="font-medium text-neutral-800">
                    {entry.actorEmail ?? 'System'}
                  </span>{' '}
                  <span className="text-neutral-600">
                    {activityLabel(entry.action).toLowerCase()}
                  </span>
                  {entry.target ? (
                    <span className="text-neutral-500"> · {entry.target}</span>
                  ) : null}
                </span>
                <span className="text-xs text-neutral-500">
                  <ActivityTime value={entry.createdAt} />
                </span>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </>
  );
}

function Stat({
  label,
  value,
  detail,
}: {
  label: string;
  value: string;
  detail?: string | undefined;
}) {
  return (
    <div className="rounded-lg border border-neutral-200 bg-white px-5 py-4 shadow-xs">
      <dt className="text-sm text-neutral-500">{label}</dt>
      <dd
        className="mt-1 truncate text-xl font-semibold tracking-tight text-neutral-900"
        title={value}
      >
        {value}
      </dd>
      {detail ? <dd className="mt-1 text-xs text-neutral-500">{detail}</dd> : null}
    </div>
  );
}

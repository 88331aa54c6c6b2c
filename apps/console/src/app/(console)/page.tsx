import { getOverview } from '@parapet/accounts';
import { roleDescriptions } from '@parapet/accounts/schemas';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { ActivitySentence } from '@/components/activity/activity-sentence';
import { ActivityTime } from '@/components/activity/activity-time';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { RoleBadge } from '@/components/ui/role-badge';
import { db } from '@/server/db';
import { requireMember } from '@/server/pages/current-member';

export const metadata = { title: 'Overview' };

export default async function OverviewPage() {
  const { actor } = await requireMember();
  const overview = await getOverview({ db: db(), actor });
  return (
    <>
      <PageHeader title="Overview" description="Your organization at a glance." />
      {/* Cards keep their own height: stretched to the tallest, the short ones look empty. */}
      <dl className="grid gap-4 sm:grid-cols-3 sm:items-start">
        <Stat label="Organization">
          <StatValue value={overview.organization.name} />
        </Stat>
        <Stat label="Members">
          <StatValue value={String(overview.memberCount)} />
          {overview.pendingInviteCount > 0 ? (
            <dd className="mt-1 text-xs text-neutral-500">
              {overview.pendingInviteCount} pending invite
              {overview.pendingInviteCount === 1 ? '' : 's'}
            </dd>
          ) : null}
        </Stat>
        <Stat label="Your role">
          <dd className="mt-2">
            <RoleBadge role={overview.yourRole} />
            <p className="mt-2 text-xs text-neutral-500">{roleDescriptions[overview.yourRole]}</p>
          </dd>
        </Stat>
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
                <ActivitySentence entry={entry} />
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

function Stat({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="rounded-lg border border-neutral-200 bg-white px-5 py-4 shadow-xs">
      <dt className="text-sm text-neutral-500">{label}</dt>
      {children}
    </div>
  );
}

function StatValue({ value }: { value: string }) {
  return (
    <dd
      className="mt-1 truncate text-xl font-semibold tracking-tight text-neutral-900"
      title={value}
    >
      {value}
    </dd>
  );
}

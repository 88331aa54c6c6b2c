import { getActivityCheckpointKey, listActivity } from '@parapet/accounts';
import { listActivitySchema } from '@parapet/accounts/schemas';
import Link from 'next/link';
import { ChainStatusBadge } from '@/components/activity/chain-status-badge';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { db } from '@/server/db';
import { requireMember } from '@/server/pages/current-member';
import { ActivityTable } from './activity-table';
import { CheckpointsCard } from './checkpoints-card';

export const metadata = { title: 'Activity' };

export default async function ActivityPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { actor } = await requireMember();
  const { before, verify } = await searchParams;
  // A malformed `before` or `verify` in the address just shows the first page, checked as usual.
  const paging = listActivitySchema.safeParse({ before, verify });
  const page = await listActivity({
    db: db(),
    actor,
    input: paging.success ? { before: paging.data.before, verify: paging.data.verify } : {},
  });
  return (
    <>
      <PageHeader
        title="Activity"
        description="Every administrative action in this organization. Rows are hash-chained, so any edit or deletion shows."
      />
      <ChainStatusBadge chain={page.chain} />
      {page.chain.ok ? (
        <p className="mt-2 text-xs text-neutral-500">
          {page.chain.checked === 'all' ? (
            'Every entry was checked just now.'
          ) : (
            <>
              Entries added since the last check were verified just now, earlier ones when they were
              new.{' '}
              <Link
                href="/activity?verify=all"
                className="font-medium text-accent-700 hover:text-accent-800"
              >
                Check every entry again
              </Link>
            </>
          )}
        </p>
      ) : null}
      <Card className="mt-4">
        {page.entries.length === 0 ? (
          <EmptyState title="No activity yet" />
        ) : (
          <ActivityTable entries={page.entries} />
        )}
      </Card>
      {page.nextBefore !== undefined ? (
        <div className="mt-4 flex justify-end">
          <Link
            href={`/activity?before=${page.nextBefore}`}
            className="text-sm font-medium text-accent-700 hover:text-accent-800"
          >
            Older entries →
          </Link>
        </div>
      ) : null}
      <CheckpointsCard
        orgId={actor.orgId}
        chainIntact={page.chain.ok}
        signingKey={getActivityCheckpointKey({ actor })}
      />
    </>
  );
}

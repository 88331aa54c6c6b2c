import { listActivity } from '@parapet/accounts';
import { listActivitySchema } from '@parapet/accounts/schemas';
import Link from 'next/link';
import { ChainStatusBadge } from '@/components/activity/chain-status-badge';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { db } from '@/server/db';
import { requireMember } from '@/server/pages/require-member';
import { ActivityTable } from './activity-table';

export const metadata = { title: 'Activity' };

export default async function ActivityPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { actor } = await requireMember();
  const { before } = await searchParams;
  // A malformed `before` in the address just shows the first page.
  const paging = listActivitySchema.safeParse({ before });
  const page = await listActivity({
    db: db(),
    actor,
    input: paging.success ? { before: paging.data.before } : {},
  });
  return (
    <>
      <PageHeader
        title="Activity"
        description="Every administrative action in this organization. Rows are hash-chained, so any edit or deletion shows."
      />
      <ChainStatusBadge chain={page.chain} />
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
    </>
  );
}

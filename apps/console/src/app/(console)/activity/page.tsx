import { listActivity } from '@parapet/accounts';
import { activityLabel, listActivitySchema } from '@parapet/accounts/schemas';
import Link from 'next/link';
import { ActivityTime } from '@/components/activity/activity-time';
import { ChainStatusBadge } from '@/components/activity/chain-status-badge';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { db } from '@/server/db';
import { requireMember } from '@/server/pages/require-member';

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
          <div className="-mx-5 -my-4 overflow-x-auto">
            <table className="w-full min-w-[40rem] text-left text-sm">
              <thead className="text-xs text-neutral-500 uppercase">
                <tr>
                  <th scope="col" className="px-5 py-2.5 font-medium">
                    #
                  </th>
                  <th scope="col" className="px-5 py-2.5 font-medium">
                    When
                  </th>
                  <th scope="col" className="px-5 py-2.5 font-medium">
                    Who
                  </th>
                  <th scope="col" className="px-5 py-2.5 font-medium">
                    What
                  </th>
                  <th scope="col" className="px-5 py-2.5 font-medium">
                    Target
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-neutral-100">
                {page.entries.map((entry) => (
                  <tr key={entry.id}>
                    <td className="px-5 py-2.5 text-xs text-neutral-400 tabular-nums">
                      {entry.seq}
                    </td>
                    <td className="px-5 py-2.5 text-xs whitespace-nowrap text-neutral-600">
                      <ActivityTime value={entry.createdAt} />
                    </td>
                    <td className="px-5 py-2.5 text-neutral-800">{entry.actorEmail ?? 'System'}</td>
                    <td className="px-5 py-2.5 text-neutral-800">
                      {activityLabel(entry.action)}
                      <DetailsSummary details={entry.details} />
                    </td>
                    <td className="px-5 py-2.5 text-neutral-600">{entry.target ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
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

/** Role changes show "from → to"; other details stay in the log, not the table. */
function DetailsSummary({ details }: { details: unknown }) {
  if (typeof details !== 'object' || details === null) return null;
  const { from, to, role } = details as Record<string, unknown>;
  if (typeof from === 'string' && typeof to === 'string') {
    return (
      <span className="ml-1.5 text-xs text-neutral-500">
        {from} → {to}
      </span>
    );
  }
  if (typeof role === 'string')
    return <span className="ml-1.5 text-xs text-neutral-500">as {role}</span>;
  return null;
}

import type { ActivityRow } from '@parapet/accounts';
import { activityLabel } from '@parapet/accounts/schemas';
import { ActivityTime } from '@/components/activity/activity-time';

/** Who did what, when, to what: one row per activity log entry. */
export function ActivityTable({ entries }: { entries: ActivityRow[] }) {
  return (
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
          {entries.map((entry) => (
            <tr key={entry.id}>
              <td className="px-5 py-2.5 text-xs text-neutral-400 tabular-nums">{entry.seq}</td>
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

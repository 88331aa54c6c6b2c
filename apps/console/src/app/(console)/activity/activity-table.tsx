import type { ActivityRow } from '@parapet/accounts';
import { activityLabel, roleLabels, roles } from '@parapet/accounts/schemas';
import type { Role } from '@parapet/db';
import { ActivityActor } from '@/components/activity/activity-actor';
import { ActivityTime } from '@/components/activity/activity-time';
import { TableFrame } from '@/components/ui/table-frame';
import { TableHead } from '@/components/ui/table-head';

/** Who did what, when, to what: one row per activity log entry. */
export function ActivityTable({ entries }: { entries: ActivityRow[] }) {
  return (
    <TableFrame caption="Activity log, newest first" minWidth="min-w-[52rem]" flush>
      <TableHead
        cellClassName="px-5 py-2.5"
        columns={[
          { label: '#' },
          { label: 'When' },
          { label: 'Who' },
          { label: 'What' },
          { label: 'Target' },
        ]}
      />
      <tbody className="divide-y divide-neutral-100">
        {entries.map((entry) => (
          <tr key={entry.id}>
            <td className="px-5 py-2.5 text-xs text-neutral-400 tabular-nums">{entry.seq}</td>
            <td className="px-5 py-2.5 text-xs whitespace-nowrap text-neutral-600">
              <ActivityTime value={entry.createdAt} />
            </td>
            <td className="px-5 py-2.5 whitespace-nowrap text-neutral-800">
              <ActivityActor email={entry.actorEmail} details={entry.details} />
            </td>
            <td className="px-5 py-2.5 text-neutral-800">
              {activityLabel(entry.action, entry.details)}
              <DetailsSummary details={entry.details} />
            </td>
            <td className="px-5 py-2.5 whitespace-nowrap text-neutral-600">
              {entry.target ?? '—'}
            </td>
          </tr>
        ))}
      </tbody>
    </TableFrame>
  );
}

/**
 * Role changes say from which role to which; invites say which role. Other details stay in the
 * log, not the table. The leading space is real text, so a screen reader keeps the words apart.
 */
function DetailsSummary({ details }: { details: unknown }) {
  if (typeof details !== 'object' || details === null) return null;
  const { from, to, role } = details as Record<string, unknown>;
  if (typeof from === 'string' && typeof to === 'string') {
    return (
      <span className="text-neutral-500">
        {' '}
        from {describeRole(from)} to {describeRole(to)}
      </span>
    );
  }
  if (typeof role === 'string') {
    return <span className="text-neutral-500"> as {describeRole(role)}</span>;
  }
  return null;
}

/** The role's label when it is one we know, the recorded value otherwise. */
function describeRole(value: string): string {
  return (roles as readonly string[]).includes(value) ? roleLabels[value as Role] : value;
}

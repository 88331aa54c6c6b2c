import type { DirectoryEventView } from '@parapet/directory';
import { RelativeTime } from '@/components/ui/relative-time';
import { TableFrame } from '@/components/ui/table-frame';
import { TableHead } from '@/components/ui/table-head';

const outcomeStyles: Record<string, string> = {
  ok: 'bg-emerald-50 text-emerald-700 ring-emerald-200',
  refused: 'bg-amber-50 text-amber-800 ring-amber-200',
  error: 'bg-red-50 text-red-700 ring-red-200',
};

/** A page of a directory's event log: what the IdP asked, what came of it, and why. */
export function DirectoryEventsTable({ events, now }: { events: DirectoryEventView[]; now: Date }) {
  return (
    <TableFrame caption="Directory events" minWidth="min-w-[52rem]">
      <TableHead
        columns={[{ label: 'When' }, { label: 'Outcome' }, { label: 'What' }, { label: 'Request' }]}
      />
      <tbody className="divide-y divide-neutral-100">
        {events.map((event) => (
          <tr key={event.id} data-testid="directory-event">
            <td className="px-5 py-3 whitespace-nowrap text-neutral-700">
              <RelativeTime value={event.at} now={now} />
            </td>
            <td className="px-5 py-3">
              <span
                className={`rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${outcomeStyles[event.outcome] ?? outcomeStyles.error}`}
              >
                {event.outcome}
              </span>
            </td>
            <td className="px-5 py-3">
              <div className="font-mono text-xs text-neutral-500">{event.action}</div>
              <div className="text-neutral-900">{event.summary}</div>
            </td>
            <td className="px-5 py-3 font-mono text-xs text-neutral-600">
              {event.method} {event.path} → {event.status}
            </td>
          </tr>
        ))}
      </tbody>
    </TableFrame>
  );
}

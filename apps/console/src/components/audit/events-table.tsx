import type { EventListItem } from '@parapet/audit/dashboards';
import Link from 'next/link';
import { TableFrame } from '@/components/ui/table-frame';
import { TableHead } from '@/components/ui/table-head';

const decisionClasses: Record<string, string> = {
  allow: 'text-green-700',
  deny: 'text-red-700',
  ask: 'text-amber-700',
};

/** Stored events, newest first, each a link to its own page. */
export function EventsTable({ events }: { events: EventListItem[] }) {
  return (
    <TableFrame caption="Audit events" minWidth="min-w-[56rem]">
      <TableHead
        columns={[
          { label: 'Time (UTC)' },
          { label: 'Device' },
          { label: 'Person' },
          { label: 'Surface' },
          { label: 'Resource' },
          { label: 'Decision' },
          { label: 'Rule' },
          { label: 'Chain' },
        ]}
      />
      <tbody>
        {events.map((event) => (
          <tr key={event.id} className="border-t border-neutral-100" data-testid="audit-event-row">
            <td className="px-5 py-2 whitespace-nowrap">
              <Link href={`/audit/events/${event.id}`} className="text-accent-700 hover:underline">
                {event.time.replace('T', ' ').slice(0, 19)}
              </Link>
            </td>
            <td className="px-5 py-2">{event.hostname ?? event.deviceId.slice(0, 8)}</td>
            <td className="px-5 py-2">{event.personEmail ?? '—'}</td>
            <td className="px-5 py-2">
              {event.surface}/{event.action}
            </td>
            <td className="max-w-xs truncate px-5 py-2 font-mono text-xs" title={event.resource}>
              {event.resource}
            </td>
            <td className={`px-5 py-2 font-medium ${decisionClasses[event.decision] ?? ''}`}>
              {event.decision}
              {event.mode === 'audit' ? <span className="text-neutral-500"> (audit)</span> : null}
            </td>
            <td className="px-5 py-2 font-mono text-xs">{event.ruleId ?? '—'}</td>
            <td className="px-5 py-2">{event.chain}</td>
          </tr>
        ))}
      </tbody>
    </TableFrame>
  );
}

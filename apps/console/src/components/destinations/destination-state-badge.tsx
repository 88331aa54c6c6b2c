import type { DestinationView } from '@parapet/audit/destinations';
import { classNames } from '@/components/ui/class-names';

// The badge says the state in the API's own word, and "paused" for a disabled destination,
// which the worker skips whatever its last state was.

const tones = {
  ok: 'bg-emerald-50 text-emerald-700 ring-emerald-200',
  failing: 'bg-red-50 text-red-700 ring-red-200',
  paused: 'bg-neutral-100 text-neutral-600 ring-neutral-300',
} as const;

const descriptions = {
  ok: 'Delivering: the last attempt succeeded, or failures have not lasted long yet.',
  failing: 'Failing for a sustained time; the events wait and nothing is dropped.',
  paused: 'Disabled: events wait for it until it is enabled again.',
} as const;

export function DestinationStateBadge({
  destination,
}: {
  destination: Pick<DestinationView, 'state' | 'enabled'>;
}) {
  const look = destination.enabled ? destination.state : 'paused';
  return (
    <span
      title={descriptions[look]}
      data-testid="destination-state"
      className={classNames(
        'inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset',
        tones[look],
      )}
    >
      {look}
    </span>
  );
}

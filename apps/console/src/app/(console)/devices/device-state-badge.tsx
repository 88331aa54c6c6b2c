import type { DeviceState } from '@parapet/distribution';
import { classNames } from '@/components/ui/class-names';

// The badge says the state in the contract's own word (`current`, `stale`, `failing`,
// `revoked`): the same word the API answers and the `state` filter takes.

const tones: Record<DeviceState, string> = {
  current: 'bg-emerald-50 text-emerald-700 ring-emerald-200',
  stale: 'bg-amber-50 text-amber-800 ring-amber-200',
  failing: 'bg-red-50 text-red-700 ring-red-200',
  revoked: 'bg-neutral-100 text-neutral-600 ring-neutral-300',
};

/** What each state means, for the device's page and the badge's tooltip. */
export const deviceStateDescriptions: Record<DeviceState, string> = {
  current: 'Runs the newest policy generation.',
  stale: 'Runs an older generation, or has not reported one yet.',
  failing: 'Reported an error with its last status.',
  revoked: 'Cut off: the edge refuses it.',
};

export function DeviceStateBadge({ state }: { state: DeviceState }) {
  return (
    <span
      title={deviceStateDescriptions[state]}
      className={classNames(
        'inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset',
        tones[state],
      )}
    >
      {state}
    </span>
  );
}

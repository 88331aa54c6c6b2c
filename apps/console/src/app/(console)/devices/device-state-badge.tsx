import { classNames } from '@/components/ui/class-names';

export type DeviceState = 'current' | 'stale' | 'failing' | 'revoked';

const looks: Record<DeviceState, { label: string; tone: string }> = {
  current: { label: 'Current', tone: 'bg-emerald-50 text-emerald-700 ring-emerald-200' },
  stale: { label: 'Stale', tone: 'bg-amber-50 text-amber-800 ring-amber-200' },
  failing: { label: 'Failing', tone: 'bg-red-50 text-red-700 ring-red-200' },
  revoked: { label: 'Revoked', tone: 'bg-neutral-100 text-neutral-600 ring-neutral-300' },
};

/** What a device's state means, for the filter's options and the badge's tooltip. */
export const deviceStateDescriptions: Record<DeviceState, string> = {
  current: 'Runs the newest policy generation.',
  stale: 'Runs an older generation, or has not reported one yet.',
  failing: 'Reported an error with its last status.',
  revoked: 'Cut off: the edge refuses it.',
};

export function DeviceStateBadge({ state }: { state: DeviceState }) {
  const look = looks[state];
  return (
    <span
      title={deviceStateDescriptions[state]}
      className={classNames(
        'inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset',
        look.tone,
      )}
    >
      {look.label}
    </span>
  );
}

export const deviceStateLabels: Record<DeviceState, string> = {
  current: looks.current.label,
  stale: looks.stale.label,
  failing: looks.failing.label,
  revoked: looks.revoked.label,
};

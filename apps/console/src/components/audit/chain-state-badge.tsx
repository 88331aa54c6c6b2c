import type { ChainState } from '@parapet/audit/dashboards';

const styles: Record<ChainState, { label: string; className: string }> = {
  ok: { label: 'intact', className: 'bg-green-50 text-green-700' },
  gaps: { label: 'gaps', className: 'bg-amber-50 text-amber-800' },
  late: { label: 'late events', className: 'bg-sky-50 text-sky-800' },
  breaks: { label: 'breaks', className: 'bg-red-50 text-red-700' },
};

/** A device chain's worst irregularity so far, as a badge. */
export function ChainStateBadge({ state }: { state: ChainState }) {
  const style = styles[state];
  return (
    <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${style.className}`}>
      {style.label}
    </span>
  );
}

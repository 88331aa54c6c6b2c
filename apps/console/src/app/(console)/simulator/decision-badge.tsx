import type { DecisionValue } from '@parapet/policy';
import { classNames } from '@/components/ui/class-names';

const tones: Record<DecisionValue, string> = {
  allow: 'bg-emerald-50 text-emerald-800 ring-emerald-200',
  deny: 'bg-red-50 text-red-800 ring-red-200',
  ask: 'bg-amber-50 text-amber-800 ring-amber-200',
};

export function DecisionBadge({ decision }: { decision: DecisionValue }) {
  return (
    <span
      className={classNames(
        'inline-block rounded-full px-2 py-0.5 text-xs font-semibold uppercase ring-1 ring-inset',
        tones[decision],
      )}
    >
      {decision}
    </span>
  );
}

/** A layer's name as the effective view labels rules: guardrails, baseline, or the group. */
export function LayerLabel({ layer }: { layer: string }) {
  const tone =
    layer === 'guardrails'
      ? 'bg-purple-50 text-purple-800 ring-purple-200'
      : layer === 'baseline'
        ? 'bg-sky-50 text-sky-800 ring-sky-200'
        : layer === 'default'
          ? 'bg-neutral-100 text-neutral-600 ring-neutral-200'
          : 'bg-accent-50 text-accent-800 ring-accent-200';
  return (
    <span
      className={classNames(
        'inline-block rounded px-1.5 py-0.5 font-mono text-xs ring-1 ring-inset',
        tone,
      )}
    >
      {layer}
    </span>
  );
}

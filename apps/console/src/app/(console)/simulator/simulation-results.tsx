'use client';

import type { Decision } from '@parapet/policy';
import { useEffect, useState } from 'react';
import { classNames } from '@/components/ui/class-names';
import { TableFrame } from '@/components/ui/table-frame';
import { TableHead } from '@/components/ui/table-head';
import { DecisionBadge, LayerLabel } from './decision-badge';
import type { RuleRef } from './effective-policy-view';
import { summarizeRequest } from './request-summary';

export type SimulationData = {
  requests: unknown[];
  decisions: Decision[];
  version: number | null;
};

function ruleOf(decision: Decision | undefined): RuleRef | null {
  return decision?.ruleId ? { layer: decision.layer, ruleId: decision.ruleId } : null;
}

/** One row per request; choosing a row marks its deciding rule in the effective view. */
export function SimulationResults({
  result,
  onSelect,
}: {
  result: SimulationData;
  onSelect: (rule: RuleRef | null) => void;
}) {
  const [selected, setSelected] = useState(0);
  // A new simulation selects its first request, so its deciding rule shows at once.
  useEffect(() => {
    setSelected(0);
    onSelect(ruleOf(result.decisions[0]));
  }, [result, onSelect]);
  return (
    <div>
      <p className="mb-2 text-xs text-neutral-500">
        {result.decisions.length} {result.decisions.length === 1 ? 'request' : 'requests'} against{' '}
        {result.version === null ? 'the drafts' : `version ${result.version}`}. Choose a row to see
        the rule that decided it.
      </p>
      <TableFrame caption="Simulation results" minWidth="min-w-[44rem]">
        <TableHead
          cellClassName="px-3 py-1.5 first:pl-5"
          columns={[
            { label: 'Request' },
            { label: 'Decision' },
            { label: 'Rule' },
            { label: 'Layer' },
            { label: 'Mode' },
            { label: 'Reason' },
          ]}
        />
        <tbody className="divide-y divide-neutral-100">
          {result.decisions.map((decision, index) => (
            <tr
              // Results are a fixed list for one simulation.
              // biome-ignore lint/suspicious/noArrayIndexKey: see above.
              key={index}
              data-testid="simulation-result"
              aria-selected={index === selected}
              onClick={() => {
                setSelected(index);
                onSelect(ruleOf(decision));
              }}
              className={classNames(
                'cursor-pointer align-top hover:bg-neutral-50',
                index === selected && 'bg-accent-50 hover:bg-accent-50',
              )}
            >
              <td className="py-2 pr-3 pl-5">
                <button
                  type="button"
                  className="text-left font-mono text-xs text-neutral-800"
                  onClick={(event) => {
                    event.stopPropagation();
                    setSelected(index);
                    onSelect(ruleOf(decision));
                  }}
                >
                  {summarizeRequest(result.requests[index])}
                </button>
              </td>
              <td className="px-3 py-2">
                <DecisionBadge decision={decision.decision} />
              </td>
              <td className="px-3 py-2 font-mono text-xs">
                {decision.ruleId ?? <span className="font-sans text-neutral-500">no rule</span>}
              </td>
              <td className="px-3 py-2">
                <LayerLabel layer={decision.layer} />
              </td>
              <td className="px-3 py-2 text-xs text-neutral-600">{decision.mode}</td>
              <td className="px-3 py-2 text-xs text-neutral-600">
                {decision.reason ??
                  (decision.ruleId === null ? 'No rule matches: denied by default.' : '—')}
              </td>
            </tr>
          ))}
        </tbody>
      </TableFrame>
    </div>
  );
}

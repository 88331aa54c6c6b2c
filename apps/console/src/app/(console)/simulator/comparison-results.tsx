import type { Decision } from '@parapet/policy';
import { EmptyState } from '@/components/ui/empty-state';
import { TableFrame } from '@/components/ui/table-frame';
import { TableHead } from '@/components/ui/table-head';
import { DecisionBadge, LayerLabel } from './decision-badge';
import { summarizeRequest } from './request-summary';

export type ComparisonData = {
  changes: {
    index: number;
    request: unknown;
    before: Decision;
    after: Decision;
    change: 'decision' | 'mode' | 'rule';
  }[];
  flips: Record<string, number>;
  compared: number;
  from: number | null;
};

const changeLabels = {
  decision: 'Decision flips',
  mode: 'Mode changes',
  rule: 'Another rule decides',
} as const;

/** The headline ("3 requests flip from allow to deny") and each changed request, before and after. */
export function ComparisonResults({ result }: { result: ComparisonData }) {
  const flips = Object.entries(result.flips);
  const version = result.from === null ? 'the published version' : `version ${result.from}`;
  if (result.changes.length === 0) {
    return (
      <EmptyState title="No request changes">
        All {result.compared} {result.compared === 1 ? 'request is' : 'requests are'} decided the
        same way by the drafts as by {version}.
      </EmptyState>
    );
  }
  return (
    <div className="space-y-3">
      <ul className="space-y-1" data-testid="comparison-flips">
        {flips.map(([flip, count]) => {
          const [from, to] = flip.split('→');
          return (
            <li key={flip} className="text-sm font-medium text-neutral-900">
              {count} {count === 1 ? 'request flips' : 'requests flip'} from {from} to {to}
            </li>
          );
        })}
        {flips.length === 0 ? (
          <li className="text-sm text-neutral-700">
            No decision flips; some requests change mode or deciding rule.
          </li>
        ) : null}
      </ul>
      <p className="text-xs text-neutral-500">
        {result.changes.length} of {result.compared} requests change between {version} (before) and
        the drafts (after).
      </p>
      <TableFrame caption="Requests that change" minWidth="min-w-[36rem]">
        <TableHead
          cellClassName="px-3 py-1.5 first:pl-5"
          columns={[
            { label: 'Request' },
            { label: 'Before' },
            { label: 'After' },
            { label: 'Change' },
          ]}
        />
        <tbody className="divide-y divide-neutral-100">
          {result.changes.map((change) => (
            <tr key={change.index} className="align-top" data-testid="comparison-change">
              <td className="py-2 pr-3 pl-5 font-mono text-xs text-neutral-800">
                {summarizeRequest(change.request)}
              </td>
              <td className="px-3 py-2">
                <DecisionCell decision={change.before} />
              </td>
              <td className="px-3 py-2">
                <DecisionCell decision={change.after} />
              </td>
              <td className="px-3 py-2 text-xs text-neutral-600">{changeLabels[change.change]}</td>
            </tr>
          ))}
        </tbody>
      </TableFrame>
    </div>
  );
}

function DecisionCell({ decision }: { decision: Decision }) {
  return (
    <div className="space-y-1">
      <DecisionBadge decision={decision.decision} />
      <div className="flex flex-wrap items-center gap-1 text-xs">
        <LayerLabel layer={decision.layer} />
        <span className="font-mono">{decision.ruleId ?? 'no rule'}</span>
        {decision.mode === 'audit' ? <span className="text-neutral-500">(audit)</span> : null}
      </div>
    </div>
  );
}

'use client';

import type { EffectivePolicy } from '@parapet/policy';
import { useEffect, useRef } from 'react';
import { classNames } from '@/components/ui/class-names';
import { TableFrame } from '@/components/ui/table-frame';
import { TableHead } from '@/components/ui/table-head';
import { DecisionBadge, LayerLabel } from './decision-badge';

export type RuleRef = { layer: string; ruleId: string };

const surfaces = [
  { key: 'network', title: 'Network' },
  { key: 'filesystem', title: 'Filesystem' },
  { key: 'credentials', title: 'Credentials' },
  { key: 'mcp', title: 'MCP servers' },
] as const;

type Rule = EffectivePolicy['network'][number];

/**
 * The merged policy, surface by surface, each rule labelled with its layer, in evaluation order.
 * The rule that decided the selected request is marked and scrolled into view: rule ids are
 * unique within a document, so its layer and id name it.
 */
export function EffectivePolicyView({
  policy,
  highlighted,
}: {
  policy: EffectivePolicy;
  highlighted: RuleRef | null;
}) {
  const marked = useRef<HTMLTableRowElement | null>(null);
  useEffect(() => {
    if (highlighted) marked.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, [highlighted]);
  return (
    <div className="space-y-5">
      <p className="text-sm text-neutral-600">
        Layers, in the order they decide:{' '}
        {policy.layers.map((entry, index) => (
          <span key={entry.layer}>
            {index > 0 ? ' → ' : null}
            <LayerLabel layer={entry.layer} />
            {entry.mode === 'audit' ? <span className="ml-1 text-xs">(audit)</span> : null}
          </span>
        ))}
      </p>
      {surfaces.map(({ key, title }) => {
        const rules = policy[key];
        return (
          <div key={key}>
            <h3 className="mb-2 text-sm font-semibold text-neutral-900">
              {title} <span className="font-normal text-neutral-500">({rules.length})</span>
            </h3>
            {rules.length === 0 ? (
              <p className="text-sm text-neutral-500">
                No rules: every {key === 'credentials' ? 'credential' : key} request is denied by
                default.
              </p>
            ) : (
              <TableFrame caption={`${title} rules`} minWidth="min-w-[40rem]">
                <TableHead
                  cellClassName="px-5 py-1.5"
                  columns={[
                    { label: 'Layer' },
                    { label: 'Rule' },
                    { label: 'Action' },
                    { label: 'Mode' },
                    { label: 'Matches' },
                  ]}
                />
                <tbody className="divide-y divide-neutral-100">
                  {rules.map((rule) => {
                    const isMarked =
                      highlighted !== null &&
                      rule.layer === highlighted.layer &&
                      rule.id === highlighted.ruleId;
                    return (
                      <tr
                        key={`${String(rule.layer)}:${String(rule.id)}`}
                        ref={isMarked ? marked : undefined}
                        data-rule={`${String(rule.layer)}:${String(rule.id)}`}
                        aria-current={isMarked ? 'true' : undefined}
                        className={classNames(
                          'transition-colors',
                          isMarked && 'bg-amber-50 outline-2 -outline-offset-2 outline-amber-400',
                        )}
                      >
                        <td className="px-5 py-2">
                          <LayerLabel layer={String(rule.layer)} />
                        </td>
                        <td className="px-5 py-2 font-mono text-xs font-medium text-neutral-900">
                          {String(rule.id)}
                          {isMarked ? (
                            <span className="ml-2 font-sans text-xs font-semibold text-amber-700">
                              decided
                            </span>
                          ) : null}
                        </td>
                        <td className="px-5 py-2">
                          <DecisionBadge decision={rule.action as 'allow' | 'deny' | 'ask'} />
                        </td>
                        <td className="px-5 py-2 text-xs text-neutral-600">{String(rule.mode)}</td>
                        <td className="px-5 py-2 font-mono text-xs text-neutral-700">
                          {describeMatch(rule)}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </TableFrame>
            )}
          </div>
        );
      })}
    </div>
  );
}

const provenanceKeys = new Set(['layer', 'id', 'action', 'mode', 'description']);

/** What a rule matches, in one line: the rule's own fields beside its provenance. */
function describeMatch(rule: Rule): string {
  return Object.entries(rule)
    .filter(([key]) => !provenanceKeys.has(key))
    .map(([key, value]) => `${key}: ${formatValue(value)}`)
    .join('  ·  ');
}

function formatValue(value: unknown): string {
  if (Array.isArray(value)) return value.map(formatValue).join(', ');
  if (value !== null && typeof value === 'object') {
    return Object.entries(value)
      .map(([key, inner]) => `${key} ${formatValue(inner)}`)
      .join('; ');
  }
  return String(value);
}

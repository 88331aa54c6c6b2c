import type { PolicyFormat } from '@parapet/db';

/** A policy document's layer as stored: `guardrails`, `baseline` or `group:<name>`. */
export type PolicyLayer = 'guardrails' | 'baseline' | `group:${string}`;

/** One layer's document as a published version keeps it (PolicyVersion.documents). */
export type VersionDocument = {
  layer: PolicyLayer;
  format: PolicyFormat;
  source: string;
  revision: number;
};

export function groupLayer(groupName: string): PolicyLayer {
  return `group:${groupName}`;
}

/** The group a layer belongs to, or null for guardrails and baseline. */
export function groupNameOfLayer(layer: string): string | null {
  return layer.startsWith('group:') ? layer.slice('group:'.length) : null;
}

/**
 * The engine's evaluation order: guardrails, baseline, then groups by name compared by UTF-16
 * code units (never by locale), so stored versions list their documents the way they apply.
 */
export function compareLayers(left: string, right: string): number {
  const rank = (layer: string) => (layer === 'guardrails' ? 0 : layer === 'baseline' ? 1 : 2);
  const byRank = rank(left) - rank(right);
  if (byRank !== 0) return byRank;
  return left < right ? -1 : left > right ? 1 : 0;
}

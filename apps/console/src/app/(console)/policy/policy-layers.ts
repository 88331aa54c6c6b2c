import { roleAtLeast } from '@parapet/accounts/schemas';
import type { Role } from '@parapet/db';

/** The console address of a document's editor: guardrails, baseline, or a group by name. */
export function documentHref(layer: string): string {
  if (layer === 'guardrails' || layer === 'baseline') return `/policy/${layer}`;
  return `/policy/groups/${encodeURIComponent(layer.slice('group:'.length))}`;
}

/** A layer as people read it: "Guardrails", "Baseline", "Group eng-team". */
export function layerLabel(layer: string): string {
  if (layer === 'guardrails') return 'Guardrails';
  if (layer === 'baseline') return 'Baseline';
  return `Group ${layer.slice('group:'.length)}`;
}

/** Who may save a document: owners alone change guardrails, admins and owners the rest. */
export function canEditLayer(role: Role, layer: string): boolean {
  if (layer === 'guardrails') return role === 'owner';
  return roleAtLeast(role, 'admin');
}

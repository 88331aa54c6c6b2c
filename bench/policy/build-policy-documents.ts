import { parse, stringify } from 'yaml';
import type { OrgPolicyModel, RuleOrigin } from './types';

export interface PolicyDocuments {
  guardrails: Record<string, unknown>;
  baseline: Record<string, unknown>;
  groups: Record<string, Record<string, unknown>>;
}

type Surface = 'network' | 'filesystem' | 'credentials' | 'mcp';

function emptyDocument(): Record<Surface, { rules: unknown[] }> & { mode: 'enforce' } {
  return {
    mode: 'enforce',
    network: { rules: [] },
    filesystem: { rules: [] },
    credentials: { rules: [] },
    mcp: { rules: [] },
  };
}

// Turns the generator's model into the three kinds of Parapet policy documents, as parsed
// objects (what the console stores) and as YAML text (what people keep in git).
export function buildPolicyDocuments({ model }: { model: OrgPolicyModel }): PolicyDocuments {
  const guardrails = emptyDocument();
  const baseline = emptyDocument();
  const groups = Object.fromEntries(model.groups.map((group) => [group, emptyDocument()]));
  const documentFor = (origin: RuleOrigin) => {
    if (origin.layer === 'guardrails') return guardrails;
    if (origin.layer === 'baseline') return baseline;
    const document = groups[origin.group ?? ''];
    if (!document) throw new Error(`unknown group ${origin.group}`);
    return document;
  };
  for (const surface of ['network', 'filesystem', 'credentials', 'mcp'] as const) {
    for (const { origin, ...rule } of model[surface]) documentFor(origin)[surface].rules.push(rule);
  }
  return { guardrails, baseline, groups };
}

export function toYamlSources({ documents }: { documents: PolicyDocuments }) {
  return {
    guardrails: stringify(documents.guardrails),
    baseline: stringify(documents.baseline),
    groups: Object.fromEntries(
      Object.entries(documents.groups).map(([name, document]) => [name, stringify(document)]),
    ),
  };
}

export function toJsonSources({ documents }: { documents: PolicyDocuments }) {
  return {
    guardrails: JSON.stringify(documents.guardrails),
    baseline: JSON.stringify(documents.baseline),
    groups: Object.fromEntries(
      Object.entries(documents.groups).map(([name, document]) => [name, JSON.stringify(document)]),
    ),
  };
}

// The `yaml` package's parse of the same texts, without Parapet: shows how much of a compile
// from YAML text is spent in YAML parsing.
export function parseYamlSources(sources: ReturnType<typeof toYamlSources>): unknown[] {
  return [sources.guardrails, sources.baseline, ...Object.values(sources.groups)].map((text) =>
    parse(text),
  );
}

import { buildPolicyDocuments, toYamlSources } from '../policy/build-policy-documents';
import { generateOrgPolicy } from '../policy/generate-org-policy';
import type { OrgPolicyModel } from '../policy/types';

export type OrgSources = {
  model: OrgPolicyModel;
  guardrails: string;
  baseline: string;
  groups: Record<string, string>;
  rules: number;
};

/**
 * The policy benchmark's synthetic 10,000-rule org, with its group rules dealt round-robin over
 * `groupCount` groups (`team-01`, `team-02`, …) instead of eight, as YAML text: what an admin or
 * a CI job would PUT.
 */
export function buildOrgSources({
  seed,
  groupCount,
}: {
  seed: number;
  groupCount: number;
}): OrgSources {
  const model = generateOrgPolicy({ seed });
  const groups = Array.from(
    { length: groupCount },
    (_, index) => `team-${String(index + 1).padStart(2, '0')}`,
  );
  let next = 0;
  for (const surface of ['network', 'filesystem', 'credentials', 'mcp'] as const) {
    for (const rule of model[surface]) {
      if (rule.origin.layer !== 'group') continue;
      rule.origin = { layer: 'group', group: groups[next % groups.length] ?? 'team-01' };
      next += 1;
    }
  }
  model.groups = groups;
  const sources = toYamlSources({ documents: buildPolicyDocuments({ model }) });
  const rules =
    model.network.length + model.filesystem.length + model.credentials.length + model.mcp.length;
  return { model, ...sources, rules };
}

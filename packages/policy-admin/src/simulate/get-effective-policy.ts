import { assertRole, type MemberContext, parseInput } from '@parapet/accounts';
import type { CompiledPolicy, EffectivePolicy } from '@parapet/policy';
import {
  type GetEffectivePolicyInput,
  getEffectivePolicySchema,
} from './get-effective-policy.schema';
import { loadCompiledPolicy } from './load-compiled-policy';
import {
  assertGroupsKnown,
  narrowToPolicy,
  type PolicySubject,
  resolvePolicySubject,
} from './policy-subject';

export type EffectivePolicyView = {
  /** The engine's effective policy (toJSON) limited to the layers that apply to the subject. */
  effectivePolicy: EffectivePolicy;
  /** The version read, or null for the drafts. */
  version: number | null;
  subject: PolicySubject;
};

/**
 * The merged policy for a set of groups or a person: guardrails, baseline and the groups' documents,
 * each rule with its layer, in evaluation order. A person's groups apply while they are active;
 * an inactive person gets guardrails and baseline alone. Auditors and up.
 */
export async function getEffectivePolicy({
  db,
  actor,
  input = {},
}: Pick<MemberContext, 'db' | 'actor'> & {
  input?: GetEffectivePolicyInput;
}): Promise<EffectivePolicyView> {
  assertRole(actor, 'auditor');
  const { against, groups, person } = parseInput(getEffectivePolicySchema, input);
  const requested = await resolvePolicySubject({ db, orgId: actor.orgId, groups, person });
  const { policy, version } = await loadCompiledPolicy({ db, orgId: actor.orgId, against });
  if (groups !== undefined) assertGroupsKnown({ groups, layers: [policy.layers] });
  const subject = narrowToPolicy(requested, policy.layers);
  return { effectivePolicy: effectivePolicyFor(policy, subject.groups), version, subject };
}

/**
 * The engine's effective policy kept to guardrails, baseline and `groups`. The engine compiles
 * the whole organization (a policy test may name any group) and lists every layer; the layers
 * that apply to one subject are a filter of it, in the same order.
 */
export function effectivePolicyFor(
  policy: CompiledPolicy,
  groups: readonly string[],
): EffectivePolicy {
  const effective = policy.toJSON();
  const applies = new Set(['guardrails', 'baseline', ...groups.map((name) => `group:${name}`)]);
  const keep = (entry: { layer?: unknown }) => applies.has(entry.layer as string);
  return {
    ...effective,
    layers: effective.layers.filter(keep),
    network: effective.network.filter(keep),
    filesystem: effective.filesystem.filter(keep),
    credentials: effective.credentials.filter(keep),
    mcp: effective.mcp.filter(keep),
  };
}

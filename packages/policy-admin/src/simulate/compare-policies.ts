import { assertRole, type MemberContext, parseInput } from '@parapet/accounts';
import type { Decision } from '@parapet/policy';
import { type ComparePoliciesInput, comparePoliciesSchema } from './compare-policies.schema';
import { loadCompiledPolicy } from './load-compiled-policy';
import { assertGroupsKnown, type PolicySubject, resolvePolicySubject } from './policy-subject';

/**
 * What changed for one request: its `decision` (allow, deny, ask), else only its `mode`
 * (enforce or audit), else only the `rule` that decides (same outcome, another rule or layer).
 */
export type DecisionChangeKind = 'decision' | 'mode' | 'rule';

export type DecisionChange = {
  /** The request's position in the list given, from 0. */
  index: number;
  request: unknown;
  before: Decision;
  after: Decision;
  change: DecisionChangeKind;
};

export type PolicyComparison = {
  /** The requests whose answer differs, in request order. */
  changes: DecisionChange[];
  /** How many decisions flip each way, as "allow→deny": the headline of a review. */
  flips: Record<string, number>;
  compared: number;
  from: { version: number | null };
  to: { version: number | null };
  subject: PolicySubject;
};

/**
 * Decides the same requests under two policies (by default the published version and the
 * drafts) and lists those whose answer would change: "these 3 requests flip from allow to deny",
 * before anyone publishes. Auditors and up.
 */
export async function comparePolicies({
  db,
  actor,
  input,
}: Pick<MemberContext, 'db' | 'actor'> & {
  input: ComparePoliciesInput;
}): Promise<PolicyComparison> {
  assertRole(actor, 'auditor');
  const { from, to, groups, person, requests } = parseInput(comparePoliciesSchema, input);
  const subject = await resolvePolicySubject({ db, orgId: actor.orgId, groups, person });
  const before = await loadCompiledPolicy({ db, orgId: actor.orgId, against: from });
  const after = await loadCompiledPolicy({ db, orgId: actor.orgId, against: to });
  if (groups !== undefined) {
    assertGroupsKnown({ groups, layers: [before.policy.layers, after.policy.layers] });
  }
  const context = { groups: subject.groups };
  const changes: DecisionChange[] = [];
  const flips: Record<string, number> = {};
  requests.forEach((request, index) => {
    const was = before.policy.evaluate(request, context);
    const now = after.policy.evaluate(request, context);
    const change = describeChange(was, now);
    if (change === undefined) return;
    changes.push({ index, request, before: was, after: now, change });
    if (change === 'decision') {
      const flip = `${was.decision}→${now.decision}`;
      flips[flip] = (flips[flip] ?? 0) + 1;
    }
  });
  return {
    changes,
    flips,
    compared: requests.length,
    from: { version: before.version },
    to: { version: after.version },
    subject,
  };
}

function describeChange(before: Decision, after: Decision): DecisionChangeKind | undefined {
  if (before.decision !== after.decision) return 'decision';
  if (before.mode !== after.mode) return 'mode';
  if (before.ruleId !== after.ruleId || before.layer !== after.layer) return 'rule';
  return undefined;
}

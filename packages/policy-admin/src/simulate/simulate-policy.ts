import { assertRole, type MemberContext, parseInput } from '@parapet/accounts';
import type { Decision } from '@parapet/policy';
import { loadCompiledPolicy } from './load-compiled-policy';
import {
  assertGroupsKnown,
  narrowToPolicy,
  type PolicySubject,
  resolvePolicySubject,
} from './policy-subject';
import { type SimulatePolicyInput, simulatePolicySchema } from './simulate-policy.schema';

export type Simulation = {
  /** One per request, in request order: exactly what the engine's evaluate returned. */
  decisions: Decision[];
  /** The version simulated, or null for the drafts. */
  version: number | null;
  subject: PolicySubject;
};

/**
 * Decides each request as the policy would for a set of groups or a person, against the drafts,
 * the published version or any version. A malformed request is that request's deny with a
 * reason (the engine never throws), never a refused call. The policy is compiled once per call
 * (and kept for the next calls with the same sources). Auditors and up.
 */
export async function simulatePolicy({
  db,
  actor,
  input,
}: Pick<MemberContext, 'db' | 'actor'> & { input: SimulatePolicyInput }): Promise<Simulation> {
  assertRole(actor, 'auditor');
  const { against, groups, person, requests } = parseInput(simulatePolicySchema, input);
  const requested = await resolvePolicySubject({ db, orgId: actor.orgId, groups, person });
  const { policy, version } = await loadCompiledPolicy({ db, orgId: actor.orgId, against });
  if (groups !== undefined) assertGroupsKnown({ groups, layers: [policy.layers] });
  const subject = narrowToPolicy(requested, policy.layers);
  const context = { groups: subject.groups };
  return {
    decisions: requests.map((request) => policy.evaluate(request, context)),
    version,
    subject,
  };
}

import { preparsePolicySet, statefulIsAuthorized } from '@cedar-policy/cedar-wasm/nodejs';
import type { CedarQuery } from './build-cedar-requests';

export type CedarDecision = 'allow' | 'deny' | 'ask';

// Parses a policy set once into Cedar's thread-local cache (its prepared API), then answers
// queries against it. Policies whose id starts with "ask-" mark an allow as an ask.
export function createCedarAuthorizer({
  id,
  policies,
}: {
  id: string;
  policies: Record<string, string>;
}) {
  const parsed = preparsePolicySet(id, { staticPolicies: policies });
  if (parsed.type !== 'success') {
    throw new Error(
      `Cedar rejected the ${id} policies: ${parsed.errors.map((e) => e.message).join('; ')}`,
    );
  }
  let evaluationErrors = 0;
  const authorize = (query: CedarQuery | undefined): CedarDecision => {
    if (!query) return 'deny';
    const answer = statefulIsAuthorized({ ...query, preparsedPolicySetId: id });
    if (answer.type !== 'success') {
      throw new Error(`Cedar failed: ${answer.errors.map((e) => e.message).join('; ')}`);
    }
    const { decision, diagnostics } = answer.response;
    evaluationErrors += diagnostics.errors.length;
    if (decision === 'deny') return 'deny';
    return diagnostics.reason.some((policyId) => policyId.startsWith('ask-')) ? 'ask' : 'allow';
  };
  return {
    authorize,
    evaluationErrors: () => evaluationErrors,
    policyCount: Object.keys(policies).length,
  };
}

import { type BundleClaims, type TrustState, verifyBundle, verifyKeySets } from '@parapet/bundle';
import { type CompiledPolicy, compileEffectivePolicy } from '@parapet/policy';
import { describeError } from '../agent-error';
import type { BundleRefusal } from './active-bundle';

export type AcceptResult =
  | {
      readonly ok: true;
      readonly claims: BundleClaims;
      readonly policy: CompiledPolicy;
      readonly trust: TrustState;
    }
  | { readonly ok: false; readonly refusal: BundleRefusal };

/** Compiles a verified bundle's policy; a policy the engine cannot rebuild is refused. */
export function compileBundlePolicy(
  claims: BundleClaims,
): { ok: true; policy: CompiledPolicy } | { ok: false; refusal: BundleRefusal } {
  try {
    return { ok: true, policy: compileEffectivePolicy(claims.policy) };
  } catch (error) {
    return {
      ok: false,
      refusal: {
        reason: 'policy_invalid',
        message: `the bundle's policy cannot be compiled: ${describeError(error)}`,
      },
    };
  }
}

/**
 * Decides whether a served bundle replaces the last good one: newer key sets first (each
 * signed by the set before it), then the bundle against the resulting trust, then its policy.
 * Nothing here writes; the caller persists the new trust only when the answer is yes.
 */
export async function acceptBundle(options: {
  text: string;
  trust: TrustState;
  keySets: readonly string[] | undefined;
  now: Date;
}): Promise<AcceptResult> {
  let trust = options.trust;
  if (options.keySets !== undefined) {
    const chain = await verifyKeySets(options.keySets, trust, options.now);
    if (!chain.ok) return chain;
    trust = chain.trust;
  }
  const verified = await verifyBundle(options.text, trust, options.now);
  if (!verified.ok) return verified;
  const compiled = compileBundlePolicy(verified.claims);
  if (!compiled.ok) return compiled;
  return { ok: true, claims: verified.claims, policy: compiled.policy, trust: verified.trust };
}

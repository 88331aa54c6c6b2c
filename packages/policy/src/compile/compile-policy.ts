import { PolicyCompileError } from '../errors/policy-compile-error';
import { type Decision, defaultDeny, invalidRequest, type PolicyMode } from '../evaluate/decision';
import { evaluateRequest } from '../evaluate/evaluate-request';
import { ActiveLayerCache } from './active-layer-cache';
import { buildEffectivePolicy, type EffectivePolicy } from './build-effective-policy';
import { buildPolicyIndexes } from './build-policy-indexes';
import { checkTestGroups, type PolicySources, readPolicyLayers } from './read-policy-layers';
import { type PolicyTestReport, runPolicyTests } from './run-policy-tests';

export interface EvaluationContext {
  /** The policy groups the user belongs to; names the org does not have are ignored. */
  readonly groups?: readonly string[];
}

export interface CompiledPolicy {
  /** Decides one request. Never throws: invalid requests and internal errors are denied with a reason. */
  evaluate(request: unknown, context?: EvaluationContext): Decision;
  /** Runs the policy tests of every layer. */
  runTests(): PolicyTestReport;
  /** The effective policy with each rule's provenance, for signed bundles. */
  toJSON(): EffectivePolicy;
  /** The layers in evaluation order: guardrails, baseline, group:<name>… */
  readonly layers: readonly string[];
  /** The mode of the default deny and of invalid requests: the guardrails document's. */
  readonly defaultMode: PolicyMode;
}

function describeError(error: unknown): string {
  try {
    return error instanceof Error ? error.message : String(error);
  } catch {
    return 'unknown error';
  }
}

/**
 * Validates and compiles an org's policy: guardrails, baseline and group documents (YAML or JSON
 * text, or parsed objects). Throws one `PolicyCompileError` listing every problem of every layer.
 * Failing policy tests do not throw; `runTests()` reports them.
 */
export function compilePolicy(sources: PolicySources = {}): CompiledPolicy {
  const { layers, issues } = readPolicyLayers(sources);
  if (issues.length === 0) issues.push(...checkTestGroups(layers));
  if (issues.length > 0) throw new PolicyCompileError(issues);
  const indexes = buildPolicyIndexes(layers);
  const mode: PolicyMode = layers[0]?.mode ?? 'enforce';
  const groupNames = layers.flatMap((layer) => (layer.groupName === null ? [] : [layer.groupName]));
  const scopes = new ActiveLayerCache({
    layerCount: layers.length,
    groupNames,
    firstGroupLayer: layers.length - groupNames.length,
    fallback: defaultDeny(mode),
  });

  function evaluate(request: unknown, context?: EvaluationContext): Decision {
    try {
      if (context !== undefined && (context === null || typeof context !== 'object')) {
        return invalidRequest(mode, 'the evaluation context must be an object');
      }
      const scope = scopes.resolve(context?.groups);
      if (typeof scope === 'string') return invalidRequest(mode, scope);
      return evaluateRequest(indexes, request, scope);
    } catch (error) {
      // Fail closed: whatever went wrong, the answer is deny.
      return invalidRequest(mode, `internal error: ${describeError(error)}`);
    }
  }

  return {
    evaluate,
    runTests: () => runPolicyTests({ layers, evaluate }),
    toJSON: () => buildEffectivePolicy(layers),
    layers: layers.map((layer) => layer.name),
    defaultMode: mode,
  };
}

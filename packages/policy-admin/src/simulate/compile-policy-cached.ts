import { createHash } from 'node:crypto';
import { AppError } from '@parapet/errors';
import {
  type CompiledPolicy,
  compilePolicy,
  formatPolicyIssue,
  PolicyCompileError,
  type PolicySources,
} from '@parapet/policy';

// Compiling a large policy takes long next to evaluating a request, and the simulator is used
// in bursts against the same policy. The key is the organization and a hash of the exact
// sources, so a cached policy is never stale (any save changes the sources) and never shared
// between organizations. A few entries bound the memory one process keeps.
const maxEntries = 4;
const listedInMessage = 20;

type Outcome = { policy: CompiledPolicy } | { error: AppError };
const cache = new Map<string, Outcome>();

/**
 * The compiled policy for `sources`, from memory when the same organization's same sources
 * were compiled lately. A policy that does not compile is POLICY_INVALID with every issue
 * (a draft may be saved invalid; it cannot be simulated until fixed).
 */
export function compilePolicyCached({
  orgId,
  sources,
  label,
}: {
  orgId: string;
  sources: PolicySources;
  /** What the sources are, for the error: "The draft", "Version 3". */
  label: string;
}): CompiledPolicy {
  const key = `${orgId}:${hashSources(sources)}`;
  let outcome = cache.get(key);
  if (outcome === undefined) {
    outcome = compile(sources);
    if (cache.size >= maxEntries) cache.delete(cache.keys().next().value as string);
  } else {
    cache.delete(key);
  }
  cache.set(key, outcome);
  if ('error' in outcome) {
    const { error } = outcome;
    throw new AppError('POLICY_INVALID', `${label} ${error.message}`, {
      ...(error.issues ? { issues: error.issues } : {}),
    });
  }
  return outcome.policy;
}

function compile(sources: PolicySources): Outcome {
  try {
    return { policy: compilePolicy(sources) };
  } catch (error) {
    if (!(error instanceof PolicyCompileError)) throw error;
    const lines = error.issues.map(formatPolicyIssue);
    const more =
      lines.length > listedInMessage ? [`…and ${lines.length - listedInMessage} more`] : [];
    const count = error.issues.length;
    const message = [
      `has ${count} problem${count === 1 ? '' : 's'}; fix ${count === 1 ? 'it' : 'them'} to simulate.`,
      ...lines.slice(0, listedInMessage),
      ...more,
    ].join('\n');
    return {
      error: new AppError('POLICY_INVALID', message, {
        issues: error.issues.map((issue) => ({ ...issue })),
      }),
    };
  }
}

function hashSources(sources: PolicySources): string {
  const groups = Object.entries(sources.groups ?? {}).sort(([left], [right]) =>
    left < right ? -1 : left > right ? 1 : 0,
  );
  const canonical = JSON.stringify([sources.guardrails ?? null, sources.baseline ?? null, groups]);
  return createHash('sha256').update(canonical).digest('hex');
}

/** For tests: start from an empty cache. */
export function clearCompiledPolicies(): void {
  cache.clear();
}

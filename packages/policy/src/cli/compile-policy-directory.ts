import { compilePolicy } from '../compile/compile-policy';
import { PolicyCompileError, type PolicyIssue } from '../errors/policy-compile-error';
import { loadPolicyDirectory } from './load-policy-directory';

export type CompiledDirectory =
  | { ok: true; policy: ReturnType<typeof compilePolicy> }
  | { ok: false; usage: string }
  | { ok: false; issues: readonly PolicyIssue[] };

/**
 * Reads a policy directory and compiles it: what `check` and `eval` both start with. A
 * directory that cannot be read is a usage problem; problems of the documents (those found
 * while loading and those the compiler finds) are reported together, as issues.
 */
export async function compilePolicyDirectory(directory: string): Promise<CompiledDirectory> {
  const loaded = await loadPolicyDirectory(directory);
  if (!loaded.ok) return { ok: false, usage: loaded.usage };
  try {
    const policy = compilePolicy(loaded.sources);
    if (loaded.issues.length > 0) return { ok: false, issues: loaded.issues };
    return { ok: true, policy };
  } catch (error) {
    if (!(error instanceof PolicyCompileError)) throw error;
    return { ok: false, issues: [...loaded.issues, ...error.issues] };
  }
}

/** One problem in a policy: where it is (layer, path, YAML line) and what to do about it. */
export interface PolicyIssue {
  readonly layer: string;
  /** Dotted path into the document, e.g. `network.rules[2].hosts[0]`; empty for the whole document. */
  readonly path: string;
  readonly line?: number;
  readonly message: string;
}

/** Formats an issue the way every report prints it: `baseline: network.rules[2].hosts[0] (line 14): …`. */
export function formatPolicyIssue(issue: PolicyIssue): string {
  const where = issue.path === '' ? '(document)' : issue.path;
  const line = issue.line === undefined ? '' : ` (line ${issue.line})`;
  return `${issue.layer}: ${where}${line}: ${issue.message}`;
}

/**
 * Thrown by `compilePolicy` when any layer is invalid. It carries every problem of every layer,
 * so a person fixes them in one pass rather than one per attempt. `code` is the application
 * error code the console and API map to a response.
 */
export class PolicyCompileError extends Error {
  readonly code = 'POLICY_INVALID';
  readonly issues: readonly PolicyIssue[];

  constructor(issues: readonly PolicyIssue[]) {
    super(issues.map(formatPolicyIssue).join('\n'));
    this.name = 'PolicyCompileError';
    this.issues = issues;
  }
}

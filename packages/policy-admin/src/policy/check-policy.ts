import { AppError, type AppErrorIssue } from '@parapet/errors';
import {
  compilePolicy,
  formatPolicyIssue,
  PolicyCompileError,
  type PolicySources,
  type PolicyTestResult,
} from '@parapet/policy';

const surfaces = ['network', 'filesystem', 'credentials', 'mcp'] as const;
type Surface = (typeof surfaces)[number];

/** What a publish records about the policy it compiled: the shape of `compileResult`. */
export type PolicyCheckResult = {
  layers: { layer: string; rules: Record<Surface, number>; tests: number }[];
  rules: number;
  tests: { run: number; passed: number };
};

// The message lists the first problems so a log line or a CLI shows what to fix; `issues`
// carries all of them.
const listedInMessage = 20;

/**
 * The publish gate: compiles the whole organization's policy and runs every test of every
 * layer. Any compile error is POLICY_INVALID with every issue (layer, path, line); any failing
 * test is POLICY_TESTS_FAILED with every failing test (layer, name, expected, actual).
 */
export function checkPolicy(sources: PolicySources): PolicyCheckResult {
  let policy: ReturnType<typeof compilePolicy>;
  try {
    policy = compilePolicy(sources);
  } catch (error) {
    if (!(error instanceof PolicyCompileError)) throw error;
    throw new AppError(
      'POLICY_INVALID',
      describe(
        'The policy has',
        error.issues.length,
        'problem',
        error.issues.map(formatPolicyIssue),
      ),
      { issues: error.issues.map((issue) => ({ ...issue })) },
    );
  }
  const report = policy.runTests();
  const failing = report.results.filter((result) => !result.passed);
  if (failing.length > 0) {
    const issues = failing.map(testIssue);
    throw new AppError(
      'POLICY_TESTS_FAILED',
      describe(
        'The policy has',
        failing.length,
        'failing test',
        issues.map((issue) => `${issue.layer}: ${issue.message}`),
      ),
      { issues },
    );
  }
  return summarise(policy, report.results);
}

function describe(lead: string, count: number, noun: string, lines: string[]): string {
  const more =
    lines.length > listedInMessage ? [`…and ${lines.length - listedInMessage} more`] : [];
  return [
    `${lead} ${count} ${noun}${count === 1 ? '' : 's'}; nothing was published.`,
    ...lines.slice(0, listedInMessage),
    ...more,
  ].join('\n');
}

function testIssue(result: PolicyTestResult): AppErrorIssue & { layer: string; test: string } {
  const { actual, expected } = result;
  const got = `${actual.decision} (rule ${actual.ruleId ?? 'none'}, layer ${actual.layer}, ${actual.mode}${actual.reason ? `: ${actual.reason}` : ''})`;
  return {
    layer: result.layer,
    test: result.name,
    expected: { ...expected },
    actual: { ...actual },
    message: `test "${result.name}": expected ${describeExpectation(expected)}; got ${got}`,
  };
}

function describeExpectation(expected: PolicyTestResult['expected']): string {
  const details = [
    expected.ruleId === undefined ? null : `rule ${expected.ruleId ?? 'none'}`,
    expected.layer === undefined ? null : `layer ${expected.layer}`,
    expected.mode ?? null,
  ].filter((detail) => detail !== null);
  return details.length === 0 ? expected.decision : `${expected.decision} (${details.join(', ')})`;
}

function summarise(
  policy: ReturnType<typeof compilePolicy>,
  results: readonly PolicyTestResult[],
): PolicyCheckResult {
  const effective = policy.toJSON();
  const layers = policy.layers.map((layer) => {
    const rules = Object.fromEntries(
      surfaces.map((surface) => [
        surface,
        effective[surface].filter((rule) => rule.layer === layer).length,
      ]),
    ) as Record<Surface, number>;
    return { layer, rules, tests: results.filter((result) => result.layer === layer).length };
  });
  return {
    layers,
    rules: surfaces.reduce((total, surface) => total + effective[surface].length, 0),
    tests: { run: results.length, passed: results.length },
  };
}

import type { PolicyTestResult } from '../compile/run-policy-tests';
import { formatPolicyIssue, type PolicyIssue } from '../errors/policy-compile-error';
import { type CliIo, writeText } from './cli-io';
import { compilePolicyDirectory } from './compile-policy-directory';

function describeFailure(result: PolicyTestResult): string {
  const { expected, actual } = result;
  const wanted = [
    expected.decision,
    ...(expected.ruleId === undefined ? [] : [`ruleId ${JSON.stringify(expected.ruleId)}`]),
    ...(expected.layer === undefined ? [] : [`layer ${expected.layer}`]),
    ...(expected.mode === undefined ? [] : [`mode ${expected.mode}`]),
  ].join(', ');
  const got = `${actual.decision} (ruleId ${JSON.stringify(actual.ruleId)}, layer ${actual.layer}, mode ${actual.mode}${
    actual.reason === undefined ? '' : `, reason: ${actual.reason}`
  })`;
  return `FAIL ${result.layer}: test ${JSON.stringify(result.name)}: expected ${wanted}; got ${got}`;
}

async function reportIssues(io: CliIo, issues: readonly PolicyIssue[]): Promise<number> {
  const lines = issues.map(formatPolicyIssue);
  const noun = issues.length === 1 ? 'problem' : 'problems';
  await writeText(
    io.stdout,
    `${lines.join('\n')}\n\n${issues.length} ${noun}; the policy was not compiled.\n`,
  );
  return 1;
}

/** `parapet-policy check <dir>`: validate every layer, then run every policy test. */
export async function runCheckCommand(options: { directory: string; io: CliIo }): Promise<number> {
  const { directory, io } = options;
  const compiled = await compilePolicyDirectory(directory);
  if ('usage' in compiled) {
    await writeText(io.stderr, `parapet-policy: ${compiled.usage}\n`);
    return 2;
  }
  if (!compiled.ok) return reportIssues(io, compiled.issues);
  const { policy } = compiled;
  const report = policy.runTests();
  const rules = ['network', 'filesystem', 'credentials', 'mcp'] as const;
  const effective = policy.toJSON();
  const ruleCount = rules.reduce((total, surface) => total + effective[surface].length, 0);
  const failures = report.results.filter((result) => !result.passed).map(describeFailure);
  const summary = `${policy.layers.length} layers (${policy.layers.join(', ')}), ${ruleCount} rules, ${report.results.length} tests: ${report.passed} passed, ${report.failed} failed`;
  if (failures.length > 0) {
    await writeText(io.stdout, `${failures.join('\n')}\n\n${summary}\n`);
    return 1;
  }
  await writeText(io.stdout, `ok: ${summary}\n`);
  return 0;
}

import type { Decision, DecisionValue, PolicyMode } from '../evaluate/decision';
import type { PolicyLayer } from './read-policy-layers';

export interface PolicyTestExpectation {
  readonly decision: DecisionValue;
  readonly ruleId?: string | null;
  readonly layer?: string;
  readonly mode?: PolicyMode;
}

export interface PolicyTestResult {
  /** The layer whose document holds the test. */
  readonly layer: string;
  readonly name: string;
  readonly passed: boolean;
  readonly expected: PolicyTestExpectation;
  readonly actual: Decision;
}

export interface PolicyTestReport {
  readonly passed: number;
  readonly failed: number;
  readonly results: readonly PolicyTestResult[];
}

type Evaluate = (request: unknown, context: { groups: readonly string[] }) => Decision;

function meets(expected: PolicyTestExpectation, actual: Decision): boolean {
  if (actual.decision !== expected.decision) return false;
  if (expected.ruleId !== undefined && actual.ruleId !== expected.ruleId) return false;
  if (expected.layer !== undefined && actual.layer !== expected.layer) return false;
  return expected.mode === undefined || actual.mode === expected.mode;
}

/**
 * Runs every layer's policy tests against the whole compiled policy, each as a member of exactly
 * the groups it lists (none by default), whichever document holds it.
 */
export function runPolicyTests(options: {
  layers: readonly PolicyLayer[];
  evaluate: Evaluate;
}): PolicyTestReport {
  const results: PolicyTestResult[] = [];
  for (const layer of options.layers) {
    for (const test of layer.document.tests ?? []) {
      const expected: PolicyTestExpectation = {
        decision: test.expect,
        ...(test.ruleId === undefined ? {} : { ruleId: test.ruleId }),
        ...(test.layer === undefined ? {} : { layer: test.layer }),
        ...(test.mode === undefined ? {} : { mode: test.mode }),
      };
      const actual = options.evaluate(test.request, { groups: test.groups ?? [] });
      results.push({
        layer: layer.name,
        name: test.name,
        passed: meets(expected, actual),
        expected,
        actual,
      });
    }
  }
  const passed = results.filter((result) => result.passed).length;
  return { passed, failed: results.length - passed, results };
}

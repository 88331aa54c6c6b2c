import { describe, expect, it } from 'vitest';
import { compilePolicy } from './compile-policy';

// docs/policy-language.md § Decision: policy tests run with exactly the groups they list, and a
// failing test is reported, never thrown.

const net = (...rules: object[]) => ({ network: { rules } });
const allow = (id: string, hosts: string[], extra: object = {}) => ({
  id,
  action: 'allow',
  hosts,
  ...extra,
});
const request = (host: string) => ({ surface: 'network', host });

describe('policy tests', () => {
  const policy = compilePolicy({
    baseline: {
      ...net(allow('b', ['b.test'])),
      tests: [
        {
          name: 'passes',
          request: request('b.test'),
          expect: 'allow',
          ruleId: 'b',
          layer: 'baseline',
        },
        { name: 'wrong rule', request: request('b.test'), expect: 'allow', ruleId: 'other' },
        {
          name: 'runs without groups by default',
          request: request('eng.test'),
          expect: 'deny',
          ruleId: null,
          layer: 'default',
        },
      ],
    },
    groups: {
      eng: {
        ...net(allow('e', ['eng.test'])),
        tests: [
          {
            name: 'a test in a group document runs without that group',
            request: request('eng.test'),
            expect: 'allow',
          },
          {
            name: 'with the group',
            groups: ['eng'],
            request: request('eng.test'),
            expect: 'allow',
            mode: 'enforce',
          },
        ],
      },
    },
  });
  const report = policy.runTests();
  it('counts passes and failures without throwing', () => {
    expect([report.passed, report.failed]).toEqual([3, 2]);
  });
  it('reports each test with its layer, expectation and actual decision', () => {
    expect(report.results.map((result) => [result.layer, result.name, result.passed])).toEqual([
      ['baseline', 'passes', true],
      ['baseline', 'wrong rule', false],
      ['baseline', 'runs without groups by default', true],
      ['group:eng', 'a test in a group document runs without that group', false],
      ['group:eng', 'with the group', true],
    ]);
    expect(report.results[1]).toMatchObject({
      expected: { decision: 'allow', ruleId: 'other' },
      actual: { ruleId: 'b' },
    });
  });
  it('a test naming a group the org does not have is a compile error', () => {
    expect(() =>
      compilePolicy({
        baseline: {
          tests: [
            { name: 't', groups: ['enginering'], request: request('x.test'), expect: 'deny' },
          ],
        },
      }),
    ).toThrow(/baseline: tests\[0\]\.groups\[0\]: .*enginering/);
  });
});

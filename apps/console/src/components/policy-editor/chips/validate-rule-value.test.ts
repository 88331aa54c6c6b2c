import { parsePolicyDocument } from '@parapet/policy';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PolicySurface, RuleField } from '../document/rule-fields';
import { typedValue, validateRuleValue } from './validate-rule-value';

type Case = { surface: PolicySurface; action: 'allow' | 'deny'; field: RuleField; list: boolean };

const cases: Case[] = [
  { surface: 'network', action: 'allow', field: 'hosts', list: true },
  { surface: 'network', action: 'deny', field: 'hosts', list: true },
  { surface: 'network', action: 'allow', field: 'cidrs', list: true },
  { surface: 'network', action: 'allow', field: 'ports', list: true },
  { surface: 'network', action: 'deny', field: 'except', list: true },
  { surface: 'network', action: 'allow', field: 'id', list: false },
  { surface: 'network', action: 'allow', field: 'description', list: false },
  { surface: 'filesystem', action: 'deny', field: 'paths', list: true },
  { surface: 'credentials', action: 'allow', field: 'credential', list: false },
  { surface: 'credentials', action: 'allow', field: 'destinations', list: true },
  { surface: 'credentials', action: 'allow', field: 'ttl', list: false },
  { surface: 'mcp', action: 'allow', field: 'server.url', list: false },
  { surface: 'mcp', action: 'allow', field: 'server.command', list: true },
  { surface: 'mcp', action: 'allow', field: 'tools.allow', list: true },
  { surface: 'mcp', action: 'allow', field: 'tools.deny', list: true },
];

const baseRules: Record<PolicySurface, Record<string, unknown>> = {
  network: { id: 'r', hosts: ['example.com'] },
  filesystem: { id: 'r', paths: ['/tmp/**'], access: 'read' },
  credentials: { id: 'r', credential: 'token', destinations: ['example.com'] },
  mcp: { id: 'r', server: { url: 'https://mcp.example.com/' } },
};

/** A document whose only rule holds `text` in the field; otherwise valid. */
function documentWith({ surface, action, field, list }: Case, text: string) {
  const rule: Record<string, unknown> = { ...structuredClone(baseRules[surface]), action };
  const value = list ? [typedValue(field, text)] : typedValue(field, text);
  const [outer, inner] = field.split('.') as [string, string | undefined];
  if (inner === undefined) rule[outer] = value;
  else if (outer === 'server') rule.server = { [inner]: value };
  else rule[outer] = { [inner]: value };
  return { [surface]: { rules: [rule] } };
}

function documentAccepts(testCase: Case, text: string): boolean {
  const parsed = parsePolicyDocument(documentWith(testCase, text), { layer: 'baseline' });
  if (parsed.success) return true;
  const at = `${testCase.surface}.rules[0].${testCase.field}${testCase.list ? '[0]' : ''}`;
  return !parsed.issues.some((issue) => issue.path === at);
}

const samples = [
  '',
  ' ',
  'example.com',
  'EXAMPLE.com.',
  '*.example.com',
  '**.example.com',
  '*',
  '**',
  'a*.example.com',
  '10.0.0.0/8',
  '10.0.0.1',
  '010.0.0.1',
  '::1',
  'fd00:ec2::254/128',
  '300.1.1.1/8',
  '10.0.0.0/33',
  '443',
  '0',
  '65536',
  '8000-8999',
  '9000-8000',
  '~/.ssh/**',
  ':workspace/**/.env',
  'relative/path',
  '/etc/**',
  '/a/**b',
  'get_*',
  'tab\there',
  'https://mcp.example.com/sse',
  'http://x/**/y',
  'ftp://x',
  '30m',
  '8h',
  '25h',
  '0s',
  'has space',
  'rule-1',
  'x'.repeat(300),
];

describe.each(cases)('$surface $action $field', (testCase) => {
  it.each(samples)('agrees with parsePolicyDocument on %j', (text) => {
    expect(
      validateRuleValue(testCase.surface, testCase.action, testCase.field, text) === undefined,
    ).toBe(documentAccepts(testCase, text));
  });

  it('agrees with parsePolicyDocument on any text', () => {
    const text = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.constantFrom(...samples),
      fc.stringMatching(/^[a-z0-9.*:/~\-_[\]]{0,24}$/),
    );
    fc.assert(
      fc.property(text, (value) => {
        const chip = validateRuleValue(testCase.surface, testCase.action, testCase.field, value);
        return (chip === undefined) === documentAccepts(testCase, value);
      }),
      { numRuns: 300 },
    );
  });
});

describe('validateRuleValue', () => {
  it.each([
    ['network', 'allow', 'hosts', 'api.github.com', true],
    ['network', 'allow', 'hosts', 'bad host', false],
    ['network', 'allow', 'cidrs', '10.0.0.0/33', false],
    ['network', 'allow', 'ports', '8000-8999', true],
    ['network', 'allow', 'ports', '70000', false],
    ['filesystem', 'allow', 'paths', 'relative/path', false],
    ['filesystem', 'allow', 'paths', ':workspace/**', true],
    ['credentials', 'allow', 'ttl', '25h', false],
    ['mcp', 'allow', 'server.url', 'https://api.githubcopilot.com/mcp/', true],
    ['mcp', 'allow', 'tools.allow', '', false],
  ] as const)('%s %s %s %j is accepted: %s', (surface, action, field, text, accepted) => {
    expect(validateRuleValue(surface, action, field, text) === undefined).toBe(accepted);
  });
});

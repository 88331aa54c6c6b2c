import { policyDocumentJsonSchema } from '@parapet/policy';
import { describe, expect, it } from 'vitest';
import { keyCompletions, valueCompletions, yamlPathAt } from './schema-completions';

const rulesAbove = ['mode: enforce', 'network:', '  rules:', '    - id: a', '      action: deny'];

describe('yamlPathAt', () => {
  it.each([
    ['a top-level key', [], 0, []],
    ['a surface key', ['network:'], 2, ['network']],
    ['a key of a rule', rulesAbove, 6, ['network', 'rules', { item: true }]],
    [
      'a key of a nested mapping in a rule',
      [...rulesAbove, '      tools:'],
      8,
      ['network', 'rules', { item: true }, 'tools'],
    ],
    [
      'a second rule',
      [...rulesAbove, '', '    # next', '    -'],
      6,
      ['network', 'rules', { item: true }],
    ],
  ] as const)('finds %s', (_name, lines, column, expected) => {
    expect(yamlPathAt(lines, column)).toEqual(expected);
  });
});

describe('completions from the engine JSON Schema', () => {
  const labels = (list: { label: string }[]) => list.map((entry) => entry.label).sort();

  it.each([
    [[], ['credentials', 'filesystem', 'mcp', 'mode', 'network', 'tests']],
    [['network'], ['rules']],
    [
      ['network', 'rules', { item: true }],
      ['action', 'cidrs', 'description', 'except', 'hosts', 'id', 'mode', 'ports'],
    ],
    [
      ['mcp', 'rules', { item: true }, 'tools'],
      ['allow', 'ask', 'deny'],
    ],
  ] as const)('keys at %j', (path, expected) => {
    expect(labels(keyCompletions(policyDocumentJsonSchema, path))).toEqual(expected);
  });

  it.each([
    [['mode'], ['audit', 'enforce']],
    [
      ['network', 'rules', { item: true }, 'action'],
      ['allow', 'deny'],
    ],
    [
      ['filesystem', 'rules', { item: true }, 'access'],
      ['read', 'write'],
    ],
  ] as const)('values at %j', (path, expected) => {
    expect(labels(valueCompletions(policyDocumentJsonSchema, path))).toEqual(expected);
  });
});

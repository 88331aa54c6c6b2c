import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isSeq, parseDocument } from 'yaml';
import { policySurfaces } from './rule-fields';
import { scanRuleChunks } from './scan-rule-chunks';

const acme = join(__dirname, '../../../../../../packages/policy/examples/acme');
const examples = [
  'guardrails.yaml',
  'baseline.yaml',
  ...readdirSync(join(acme, 'groups')).map((name) => `groups/${name}`),
].map((name) => [name, readFileSync(join(acme, name), 'utf8')] as const);

describe('scanRuleChunks', () => {
  it.each(examples)('finds the same rule ranges as the yaml parser in %s', (_name, source) => {
    const chunks = scanRuleChunks(source);
    const document = parseDocument(source);
    for (const surface of policySurfaces) {
      const seq = document.getIn([surface, 'rules'], true);
      const expected = isSeq(seq)
        ? seq.items.map((item) => {
            const range = (item as { range: number[] }).range;
            return { from: range[0], to: range[1] };
          })
        : [];
      expect(chunks?.[surface]).toEqual(expected);
    }
  });

  it.each([
    ['JSON', '{"network": {"rules": []}}'],
    ['a flow list of rules', 'network:\n  rules: [{ id: a, action: allow }]\n'],
    ['an empty surface', 'network:\n'],
    ['an unknown key in a surface', 'network:\n  mode: audit\n  rules:\n    - id: a\n'],
    ['a tab', 'network:\n  rules:\n    - id: a\n\taction: allow\n'],
    [
      'a text block with a line that looks like a comment',
      'network:\n  rules:\n    - id: a\n      description: |\n        text\n        # more text\n    - id: b\n',
    ],
    ['a repeated surface', 'network:\n  rules:\n    - id: a\nnetwork:\n  rules:\n    - id: b\n'],
  ])('leaves %s to the parser', (_name, source) => {
    expect(scanRuleChunks(source)).toBeUndefined();
  });
});

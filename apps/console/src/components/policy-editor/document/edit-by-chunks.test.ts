import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { editByChunks, editByDocument, type PolicySourceEdit } from './edit-policy-source';
import { markReadable, parsePolicySource, readPolicyRules, rulesOf } from './read-policy-rules';
import { policySurfaces } from './rule-fields';

// The chunked path is a fast path shadowing the whole-document one: it must give the same bytes.

const acme = join(__dirname, '../../../../../../packages/policy/examples/acme');
const examples = [
  'guardrails.yaml',
  'baseline.yaml',
  ...readdirSync(join(acme, 'groups')).map((name) => `groups/${name}`),
].map((name) => [name, readFileSync(join(acme, name), 'utf8')] as const);

const text = fc.string({
  unit: fc.constantFrom(...'ab-*.:#,[]{}"\'&!%@`|> \\?/~'.split('')),
  maxLength: 12,
});
const edit: fc.Arbitrary<PolicySourceEdit> = fc.oneof(
  fc.record({
    kind: fc.constant('add-rule' as const),
    surface: fc.constantFrom(...policySurfaces),
  }),
  fc.record({
    kind: fc.constant('set-field' as const),
    surface: fc.constantFrom(...policySurfaces),
    index: fc.nat(3),
    field: fc.constantFrom(
      'hosts' as const,
      'paths' as const,
      'tools.allow' as const,
      'server.url' as const,
      'description' as const,
      'mode' as const,
    ),
    value: fc.oneof(text, fc.array(text, { maxLength: 3 }), fc.constant(undefined)),
  }),
  fc.record({
    kind: fc.constant('remove-rule' as const),
    surface: fc.constantFrom(...policySurfaces),
    index: fc.nat(3),
  }),
  fc.record({
    kind: fc.constant('move-rule' as const),
    surface: fc.constantFrom(...policySurfaces),
    index: fc.nat(3),
    direction: fc.constantFrom('up' as const, 'down' as const),
  }),
);

function fullRead(source: string) {
  const parsed = parsePolicySource(source);
  if (!parsed.readable) throw new Error('does not parse');
  return Object.fromEntries(
    policySurfaces.map((surface) => [surface, rulesOf(parsed.document, surface, parsed.lines)]),
  );
}

describe('editing rule by rule', () => {
  it.each(examples)('gives the bytes a whole-document edit gives, in %s', (_name, start) => {
    fc.assert(
      fc.property(fc.array(edit, { maxLength: 10 }), (edits) => {
        let source = start;
        for (const each of edits) {
          const whole = editByDocument(source, each);
          const fast = editByChunks(source, each);
          if (fast !== undefined) expect(whole).toEqual({ ok: true, source: fast });
          if (!whole.ok) continue;
          source = whole.source;
          markReadable(source);
          const read = readPolicyRules(source);
          expect(read).toEqual({ readable: true, rules: fullRead(source) });
        }
      }),
      { numRuns: 80 },
    );
  });
});

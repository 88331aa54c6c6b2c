import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { editPolicySource, type PolicySourceEdit } from './edit-policy-source';
import { parsePolicySource, readPolicyRules } from './read-policy-rules';
import {
  fieldPath,
  newRule,
  type PolicySurface,
  policySurfaces,
  toDocumentValue,
} from './rule-fields';

const acme = join(__dirname, '../../../../../../packages/policy/examples/acme');
const examples = [
  'guardrails.yaml',
  'baseline.yaml',
  ...readdirSync(join(acme, 'groups')).map((name) => `groups/${name}`),
].map((name) => ({ name, source: readFileSync(join(acme, name), 'utf8') }));

type Json = Record<string, unknown>;
type Rule = Record<string, unknown>;

function rulesIn(document: Json, surface: PolicySurface): Rule[] {
  return ((document[surface] as Json | undefined)?.rules as Rule[] | undefined) ?? [];
}

/** The same edit applied to the plain value: what the edited source must parse to. */
function expectedValue(document: Json, edit: PolicySourceEdit): Json {
  const copy = structuredClone(document);
  if (edit.kind === 'add-rule') {
    const id = `${edit.surface}-rule-1`;
    copy[edit.surface] = { rules: [...rulesIn(copy, edit.surface), newRule(edit.surface, id)] };
    return copy;
  }
  const rules = rulesIn(copy, edit.surface);
  if (edit.kind === 'remove-rule') rules.splice(edit.index, 1);
  if (edit.kind === 'move-rule') {
    const other = edit.direction === 'up' ? edit.index - 1 : edit.index + 1;
    [rules[edit.index], rules[other]] = [rules[other] as Rule, rules[edit.index] as Rule];
  }
  if (edit.kind === 'set-field') {
    const path = fieldPath(edit.field);
    let target = rules[edit.index] as Json;
    for (const key of path.slice(0, -1)) {
      target[key] = target[key] ?? {};
      target = target[key] as Json;
    }
    const last = path.at(-1) as string;
    if (edit.value === undefined) delete target[last];
    else target[last] = toDocumentValue(edit.field, edit.value);
    if (edit.value === undefined && path.length > 1 && Object.keys(target).length === 0) {
      delete (rules[edit.index] as Json)[path[0] as string];
    }
  }
  return copy;
}

function lineStart(source: string, position: number): number {
  return source.lastIndexOf('\n', position - 1) + 1;
}

/**
 * The text an edit may touch, as [from, to) offsets into the original: from the end of the rule
 * before the edited ones to the line where the rule after them starts. Adding a rule may only
 * insert.
 */
function expectUntouchedOutside(source: string, result: string, edit: PolicySourceEdit): void {
  const parsed = parsePolicySource(source);
  if (!parsed.readable) throw new Error('example does not parse');
  const items =
    (
      parsed.document.getIn([edit.surface, 'rules'], true) as
        | { items: { range: number[] }[] }
        | undefined
    )?.items ?? [];
  if (edit.kind === 'add-rule') {
    const from = items.at(-1)?.range[1] ?? 0;
    let prefix = 0;
    while (source[prefix] === result[prefix] && prefix < source.length) prefix += 1;
    expect(prefix).toBeGreaterThanOrEqual(Math.min(from, source.length));
    const inserted = result.length - source.length;
    expect(result.slice(0, prefix) + result.slice(prefix + inserted)).toBe(source);
    return;
  }
  const low = edit.kind === 'move-rule' && edit.direction === 'up' ? edit.index - 1 : edit.index;
  const high = edit.kind === 'move-rule' && edit.direction === 'down' ? edit.index + 1 : edit.index;
  const before = items[low - 1];
  const after = items[high + 1];
  const from = before === undefined ? 0 : (before.range[1] as number);
  const to = after === undefined ? source.length : lineStart(source, after.range[0] as number);
  expect(result.startsWith(source.slice(0, from))).toBe(true);
  expect(result.endsWith(source.slice(to))).toBe(true);
}

function editsFor(source: string): [string, PolicySourceEdit][] {
  const document = parse(source) as Json;
  const rows: [string, PolicySourceEdit][] = [];
  for (const surface of policySurfaces) {
    const rules = rulesIn(document, surface);
    rows.push([`add a ${surface} rule`, { kind: 'add-rule', surface }]);
    if (rules.length === 0) continue;
    const last = rules.length - 1;
    const chips = {
      network: 'hosts',
      filesystem: 'paths',
      credentials: 'destinations',
      mcp: 'tools.allow',
    } as const;
    const setField = (field: Parameters<typeof fieldPath>[0], value: string | string[]) =>
      ({ kind: 'set-field', surface, index: last, field, value }) as const;
    rows.push(
      [`rename the last ${surface} rule`, setField('id', 'renamed-rule')],
      [
        `describe the last ${surface} rule`,
        setField('description', 'Why: "quoted", # not a comment'),
      ],
      [`set the last ${surface} rule's mode`, setField('mode', 'audit')],
      [
        `set ${chips[surface]} of the last ${surface} rule`,
        setField(chips[surface], ['a.example.com', '*.b-c.io']),
      ],
      [`empty ${chips[surface]} of the last ${surface} rule`, setField(chips[surface], [])],
      [
        `remove the description of the last ${surface} rule`,
        { ...setField('description', ''), value: undefined },
      ],
      [`remove the first ${surface} rule`, { kind: 'remove-rule', surface, index: 0 }],
      [`remove the last ${surface} rule`, { kind: 'remove-rule', surface, index: last }],
    );
    if (surface === 'network') rows.push([`set ports`, setField('ports', ['443', '8000-8999'])]);
    if (surface === 'mcp')
      rows.push([`set the server url`, setField('server.url', 'https://x.example/mcp')]);
    if (rules.length > 1) {
      rows.push(
        [
          `move the last ${surface} rule up`,
          { kind: 'move-rule', surface, index: last, direction: 'up' },
        ],
        [
          `move the first ${surface} rule down`,
          { kind: 'move-rule', surface, index: 0, direction: 'down' },
        ],
      );
    }
  }
  return rows;
}

describe.each(examples)('editing $name', ({ source }) => {
  const original = parse(source) as Json;
  const asJson = `${JSON.stringify(original, null, 2)}\n`;

  it.each(editsFor(source))(
    '%s: keeps everything outside the edited rule byte for byte',
    (_name, edit) => {
      const result = editPolicySource(source, edit);
      if (!result.ok) throw new Error(JSON.stringify(result.problems));
      expect(parse(result.source)).toEqual(expectedValue(original, edit));
      expectUntouchedOutside(source, result.source, edit);
      expect(readPolicyRules(result.source).readable).toBe(true);
    },
  );

  it.each(editsFor(source))('%s: a JSON document stays JSON', (_name, edit) => {
    const result = editPolicySource(asJson, edit);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(JSON.parse(result.source)).toEqual(expectedValue(original, edit));
    expectUntouchedOutside(asJson, result.source, edit);
  });
});

describe('documents without the surface', () => {
  it.each([
    ['an empty YAML document', '', 'yaml'],
    ['a document with only a comment', '# Finance\n', 'yaml'],
    ['a document with tests only', 'mode: audit\n\n# The tests\ntests: []\n', 'yaml'],
    ['an empty rules list', 'network:\n  rules: []\n', 'yaml'],
    ['an empty JSON document', '{}', 'json'],
    ['a one-line JSON document', '{"mode": "audit", "network": {"rules": []}}', 'json'],
  ])('adds the first rule to %s', (_name, source, format) => {
    const result = editPolicySource(source, { kind: 'add-rule', surface: 'network' });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const value = parse(result.source) as Json;
    expect(rulesIn(value, 'network')).toEqual([
      { id: 'network-rule-1', action: 'allow', hosts: [] },
    ]);
    if (format === 'json') expect(() => JSON.parse(result.source)).not.toThrow();
    for (const line of source.split('\n').filter((text) => text.startsWith('#'))) {
      expect(result.source).toContain(line);
    }
  });

  it('puts a new surface before the tests, above their comment', () => {
    const result = editPolicySource('mode: audit\n\n# The tests\ntests: []\n', {
      kind: 'add-rule',
      surface: 'mcp',
    });
    expect(result).toEqual({
      ok: true,
      source:
        'mode: audit\n\nmcp:\n  rules:\n    - id: mcp-rule-1\n      action: allow\n      server: { url: "" }\n\n# The tests\ntests: []\n',
    });
  });
});

describe('small documents', () => {
  it.each([
    [
      'removing the only rule leaves an empty list on the key line',
      '# Finance\nnetwork:\n  rules:\n    - id: a # the one\n      action: allow\n# end\n',
      { kind: 'remove-rule', surface: 'network', index: 0 },
      '# Finance\nnetwork:\n  rules: []\n# end\n',
    ],
    [
      'a block list keeps its style',
      'network:\n  rules:\n    - id: a\n      hosts:\n        - x.com # old\n      action: allow\n',
      { kind: 'set-field', surface: 'network', index: 0, field: 'hosts', value: ['y.com', '*.z'] },
      'network:\n  rules:\n    - id: a\n      hosts:\n        - y.com\n        - "*.z"\n      action: allow\n',
    ],
    [
      'removing the first key of a list item keeps the dash',
      'network:\n  rules:\n    - mode: audit\n      id: a\n',
      { kind: 'set-field', surface: 'network', index: 0, field: 'mode', value: undefined },
      'network:\n  rules:\n    - id: a\n',
    ],
    [
      'a value quoted where YAML needs it',
      'network:\n  rules:\n    - id: a\n      hosts: []\n',
      {
        kind: 'set-field',
        surface: 'network',
        index: 0,
        field: 'hosts',
        value: ['*.x', 'a,b', 'yes'],
      },
      'network:\n  rules:\n    - id: a\n      hosts: ["*.x", "a,b", yes]\n',
    ],
  ] as const)('%s', (_name, source, edit, expected) => {
    expect(editPolicySource(source, edit as PolicySourceEdit)).toEqual({
      ok: true,
      source: expected,
    });
  });
});

describe('a source that does not parse', () => {
  it.each([
    ['an unclosed list', 'network:\n  rules: [\n'],
    ['a list at the top', '- a\n- b\n'],
    ['a surface that is not a mapping', 'network: 5\n'],
  ])('refuses edits to %s with its problems', (_name, source) => {
    const result = editPolicySource(source, { kind: 'add-rule', surface: 'network' });
    expect(result.ok).toBe(false);
    expect(readPolicyRules(source).readable).toBe(false);
  });

  it('refuses an edit of a rule that is not there', () => {
    const result = editPolicySource('network:\n  rules: []\n', {
      kind: 'remove-rule',
      surface: 'network',
      index: 3,
    });
    expect(result).toEqual({ ok: false, problems: [{ message: 'network has no rule 4' }] });
  });
});

describe('any sequence of edits', () => {
  const text = fc.string({
    unit: fc.constantFrom(...'ab-*.:#,[]{}"\'&!%@`|> \t\\?/~'.split('')),
    maxLength: 12,
  });
  const edit = fc.oneof(
    fc.record({
      kind: fc.constant('add-rule' as const),
      surface: fc.constantFrom(...policySurfaces),
    }),
    fc.record({
      kind: fc.constant('set-field' as const),
      surface: fc.constant('network' as const),
      index: fc.nat(3),
      field: fc.constantFrom('hosts' as const, 'description' as const, 'ports' as const),
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

  it.each(
    examples.flatMap(({ name, source }) => [
      [name, source],
      [`${name} as JSON`, JSON.stringify(parse(source), null, 2)],
    ]),
  )('keep %s readable and equal to the same edits on its value', (_name, start) => {
    fc.assert(
      fc.property(fc.array(edit, { maxLength: 8 }), (edits) => {
        let source = start;
        let value = parse(start) as Json;
        for (const each of edits as PolicySourceEdit[]) {
          const rules = rulesIn(value, each.surface);
          if (each.kind !== 'add-rule' && each.index >= rules.length) continue;
          if (each.kind === 'move-rule') {
            const other = each.direction === 'up' ? each.index - 1 : each.index + 1;
            if (other < 0 || other >= rules.length) continue;
          }
          if (
            each.kind === 'set-field' &&
            typeof each.value === 'string' &&
            each.field !== 'description'
          )
            continue;
          if (
            each.kind === 'set-field' &&
            Array.isArray(each.value) &&
            each.field === 'description'
          )
            continue;
          const result = editPolicySource(source, each);
          if (!result.ok) throw new Error(JSON.stringify(result.problems));
          value = expectedValue(value, each);
          if (each.kind === 'add-rule') {
            // The expectation names every new rule -1; the editor picks the next free number.
            const added = rulesIn(parse(result.source) as Json, each.surface).at(-1);
            rulesIn(value, each.surface).splice(-1, 1, added as Rule);
          }
          expect(parse(result.source)).toEqual(value);
          source = result.source;
        }
      }),
      { numRuns: 60 },
    );
  });
});

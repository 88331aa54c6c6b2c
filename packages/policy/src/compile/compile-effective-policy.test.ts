import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadPolicyDirectory } from '../cli/load-policy-directory';
import { PolicyCompileError } from '../errors/policy-compile-error';
import { parsePolicyDocument } from '../parse/parse-policy-document';
import { GROUP_SETS, pick, placedRule, REQUESTS, sourcesOf } from '../testing/policy-arbitraries';
import type { EffectivePolicy } from './build-effective-policy';
import { compileEffectivePolicy } from './compile-effective-policy';
import { type CompiledPolicy, compilePolicy } from './compile-policy';
import type { PolicySources } from './read-policy-layers';

// Endpoints decide with the effective policy a bundle carries, the console with the policy it
// was built from. These tests hold the two to the same decisions, for every group set a bundle
// can be narrowed to.

/** The bundle's narrowing: guardrails, baseline and the groups' layers (as the console does). */
function narrow(effective: EffectivePolicy, groups: readonly string[]): EffectivePolicy {
  const applies = new Set(['guardrails', 'baseline', ...groups.map((name) => `group:${name}`)]);
  const keep = (entry: { layer?: unknown }) => applies.has(entry.layer as string);
  return {
    ...effective,
    layers: effective.layers.filter(keep),
    network: effective.network.filter(keep),
    filesystem: effective.filesystem.filter(keep),
    credentials: effective.credentials.filter(keep),
    mcp: effective.mcp.filter(keep),
  };
}

/** What a bundle carries: the JSON text, parsed again, as a device reads it. */
function overTheWire(effective: EffectivePolicy): unknown {
  return JSON.parse(JSON.stringify(effective));
}

function powerSet(names: readonly string[]): string[][] {
  const sets: string[][] = [[]];
  for (const name of names) {
    for (const set of sets.slice()) sets.push([...set, name]);
  }
  return sets;
}

function assertSameDecisions(
  policy: CompiledPolicy,
  groupSets: readonly (readonly string[])[],
  requests: readonly unknown[],
): number {
  let compared = 0;
  for (const groups of groupSets) {
    const narrowed = narrow(policy.toJSON(), groups);
    const rebuilt = compileEffectivePolicy(overTheWire(narrowed));
    expect(JSON.stringify(rebuilt.toJSON())).toBe(JSON.stringify(narrowed));
    for (const request of requests) {
      const context = { groups };
      expect(rebuilt.evaluate(request, context)).toEqual(policy.evaluate(request, context));
      compared++;
    }
  }
  return compared;
}

const groupNamesOf = (policy: CompiledPolicy) =>
  policy.layers.filter((layer) => layer.startsWith('group:')).map((layer) => layer.slice(6));

/** Subsets of the org's groups, plus a name it does not have (which evaluation ignores). */
function groupSetsOf(policy: CompiledPolicy): string[][] {
  const names = groupNamesOf(policy);
  const sets = names.length <= 5 ? powerSet(names) : [[], names, ...names.map((name) => [name])];
  return [...sets, [...names, 'not-a-group']];
}

function testRequestsOf(sources: PolicySources): unknown[] {
  const documents = [sources.guardrails, sources.baseline, ...Object.values(sources.groups ?? {})];
  return documents.flatMap((source) => {
    const parsed = parsePolicyDocument(source, { layer: 'any' });
    return parsed.success ? (parsed.document.tests ?? []).map((test) => test.request) : [];
  });
}

describe('compileEffectivePolicy decides as compilePolicy, for every narrowing', () => {
  const here = dirname(fileURLToPath(import.meta.url));
  const casesDir = join(here, '../../test/conformance/cases');
  const caseNames = readdirSync(casesDir).filter((name) => !name.startsWith('check-'));
  const caseRequests = caseNames.flatMap((name) =>
    readFileSync(join(casesDir, name, 'requests.jsonl'), 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .flatMap((line) => {
        try {
          const value = JSON.parse(line) as { request?: unknown };
          return [value.request ?? value];
        } catch {
          return [];
        }
      }),
  );

  it('for the acme example, with its own tests, the conformance requests and the random universe', async () => {
    const loaded = await loadPolicyDirectory(join(here, '../../examples/acme'));
    if (!loaded.ok) throw new Error(loaded.usage);
    const policy = compilePolicy(loaded.sources);
    const requests = [...testRequestsOf(loaded.sources), ...caseRequests, ...REQUESTS];
    expect(assertSameDecisions(policy, groupSetsOf(policy), requests)).toBeGreaterThan(1000);
  });

  it.each(caseNames)('for the conformance case %s', async (name) => {
    const loaded = await loadPolicyDirectory(join(casesDir, name));
    if (!loaded.ok) throw new Error(loaded.usage);
    let policy: CompiledPolicy;
    try {
      policy = compilePolicy(loaded.sources);
    } catch (error) {
      // A case whose policy is refused tests the refusal, not a decision.
      expect(error).toBeInstanceOf(PolicyCompileError);
      return;
    }
    const requests = [...caseRequests, ...testRequestsOf(loaded.sources)];
    assertSameDecisions(policy, groupSetsOf(policy), requests);
  });

  it('for random policies with random modes, descriptions and lease lengths', () => {
    const decorated = fc
      .tuple(
        fc.array(fc.oneof(placedRule('allow'), placedRule('deny')), { maxLength: 10 }),
        fc.array(fc.option(pick(['enforce', 'audit'] as const), { nil: undefined }), {
          minLength: 10,
          maxLength: 10,
        }),
        fc.array(fc.option(fc.string({ maxLength: 8 }), { nil: undefined }), {
          minLength: 10,
          maxLength: 10,
        }),
        fc.array(fc.option(fc.integer({ min: 1, max: 86_400 }), { nil: undefined }), {
          minLength: 10,
          maxLength: 10,
        }),
        fc.array(pick(['enforce', 'audit'] as const), { minLength: 4, maxLength: 4 }),
      )
      .map(([placed, modes, descriptions, ttls, layerModes]) => {
        const rules = placed.map(([layer, rule], index) => {
          const extra: Record<string, unknown> = {};
          if (modes[index] !== undefined) extra.mode = modes[index];
          if (descriptions[index] !== undefined) extra.description = descriptions[index];
          const ttl = ttls[index];
          if (ttl !== undefined && rule.surface === 'credentials' && rule.action === 'allow')
            extra.ttl = `${ttl}s`;
          return [layer, { ...rule, ...extra }] as const;
        });
        const sources = sourcesOf(rules);
        const withMode = (document: object | undefined, mode: string) => ({
          ...(document ?? {}),
          mode,
        });
        return {
          guardrails: withMode(sources.guardrails as object, layerModes[0] ?? 'enforce'),
          baseline: withMode(sources.baseline as object, layerModes[1] ?? 'enforce'),
          groups: {
            g1: withMode(sources.groups?.g1 as object, layerModes[2] ?? 'enforce'),
            g2: withMode(sources.groups?.g2 as object, layerModes[3] ?? 'enforce'),
          },
        } satisfies PolicySources;
      });
    fc.assert(
      fc.property(decorated, (sources) => {
        assertSameDecisions(compilePolicy(sources), GROUP_SETS, REQUESTS);
      }),
      { numRuns: 150 },
    );
  });

  it('keeps every lease length: the rebuilt ttl is the same number of seconds', () => {
    for (const seconds of [1, 59, 60, 61, 3599, 3600, 3661, 86_399, 86_400]) {
      const policy = compilePolicy({
        baseline: {
          credentials: {
            rules: [
              {
                id: 'c',
                action: 'allow',
                credential: 'k',
                destinations: ['a.test'],
                ttl: `${seconds}s`,
              },
            ],
          },
        },
      });
      const rebuilt = compileEffectivePolicy(overTheWire(policy.toJSON()));
      expect(rebuilt.toJSON().credentials[0]?.ttlSeconds).toBe(seconds);
    }
  });
});

describe('compileEffectivePolicy keeps unusual group names', () => {
  it.each([['__proto__'], ['constructor'], ['a:b'], ['hasOwnProperty']])('%s', (name) => {
    const policy = compilePolicy({
      groups: Object.fromEntries([
        [name, { network: { rules: [{ id: 'g', action: 'allow', hosts: ['a.test'] }] } }],
      ]),
    });
    expect(policy.layers).toContain(`group:${name}`);
    assertSameDecisions(policy, [[], [name]], REQUESTS);
  });
});

describe('compileEffectivePolicy refuses what it cannot rebuild', () => {
  const base = compilePolicy({
    guardrails: { network: { rules: [{ id: 'meta', action: 'deny', cidrs: ['169.254.0.0/16'] }] } },
    baseline: {
      network: { rules: [{ id: 'gh', action: 'allow', hosts: ['github.com'], ports: [443] }] },
    },
    groups: {
      eng: {
        filesystem: {
          rules: [{ id: 'ws', action: 'allow', paths: [':workspace/**'], access: 'write' }],
        },
      },
      ops: { mode: 'audit' },
    },
  }).toJSON();
  const good = overTheWire(base) as Record<string, unknown> & {
    layers: Record<string, unknown>[];
    network: Record<string, unknown>[];
    filesystem: Record<string, unknown>[];
  };
  const edit = (change: (copy: typeof good) => void): unknown => {
    const copy = structuredClone(good);
    change(copy);
    return copy;
  };

  it('accepts the untouched policy (positive control)', () => {
    expect(compileEffectivePolicy(good).layers).toEqual([
      'guardrails',
      'baseline',
      'group:eng',
      'group:ops',
    ]);
  });

  const rows: [string, unknown, string][] = [
    ['not an object', 'policy', 'expected object'],
    ['null', null, 'expected object'],
    [
      'another format',
      edit((copy) => {
        copy.format = 'parapet.effective-policy/v2';
      }),
      'format',
    ],
    [
      'an unknown top-level field',
      edit((copy) => {
        copy.tests = [];
      }),
      'tests',
    ],
    [
      'an unknown rule field',
      edit((copy) => {
        Object.assign(copy.network[0] ?? {}, { ttl: '1h' });
      }),
      'network[0]',
    ],
    [
      'a rule without a mode',
      edit((copy) => {
        delete copy.network[0]?.mode;
      }),
      'network[0].mode',
    ],
    [
      'a wrong type',
      edit((copy) => {
        Object.assign(copy.network[1] ?? {}, { ports: [true] });
      }),
      'network[1].ports[0]',
    ],
    [
      'a missing baseline',
      edit((copy) => {
        copy.layers.splice(1, 1);
      }),
      'guardrails, then baseline',
    ],
    [
      'guardrails not first',
      edit((copy) => {
        copy.layers.reverse();
      }),
      'guardrails, then baseline',
    ],
    [
      'a layer that is not a group',
      edit((copy) => {
        Object.assign(copy.layers[2] ?? {}, { layer: 'team:eng' });
      }),
      'not a group layer',
    ],
    [
      'groups out of order',
      edit((copy) => {
        copy.layers.push(copy.layers.splice(2, 1)[0] ?? {});
      }),
      'sorted by name',
    ],
    [
      'a repeated group',
      edit((copy) => {
        copy.layers.push({ ...copy.layers[3] });
      }),
      'sorted by name',
    ],
    [
      'a rule of an unknown layer',
      edit((copy) => {
        Object.assign(copy.network[0] ?? {}, { layer: 'group:x' });
      }),
      'unknown layer',
    ],
    [
      'rules out of layer order',
      edit((copy) => {
        copy.network.reverse();
      }),
      'layer order',
    ],
    [
      'a host not in normal form',
      edit((copy) => {
        Object.assign(copy.network[1] ?? {}, { hosts: ['GitHub.com'] });
      }),
      'normal form',
    ],
    [
      'a default mode that is not the guardrails mode',
      edit((copy) => {
        copy.defaultMode = 'audit';
      }),
      'normal form',
    ],
    [
      'an invalid host',
      edit((copy) => {
        Object.assign(copy.network[1] ?? {}, { hosts: ['*'] });
      }),
      'baseline: network.rules[0].hosts[0]',
    ],
    [
      'a network rule without targets',
      edit((copy) => {
        delete copy.network[0]?.cidrs;
      }),
      'hosts or cidrs',
    ],
    [
      'a lease over 24h',
      edit((copy) => {
        copy.credentials = [
          {
            layer: 'baseline',
            id: 'c',
            action: 'allow',
            mode: 'enforce',
            credential: 'k',
            destinations: ['a.test'],
            ttlSeconds: 86_401,
          },
        ];
      }),
      'credentials[0].ttlSeconds',
    ],
    [
      'a duplicate id in one layer',
      edit((copy) => {
        Object.assign(copy.filesystem[0] ?? {}, { layer: 'baseline', id: 'gh' });
      }),
      'duplicate rule id',
    ],
  ];

  it.each(rows)('%s', (_name, input, mentions) => {
    let thrown: unknown;
    try {
      compileEffectivePolicy(input);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(PolicyCompileError);
    expect((thrown as Error).message).toContain(mentions);
  });
});

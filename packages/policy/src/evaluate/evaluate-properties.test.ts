import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compilePolicy } from '../compile/compile-policy';
import type { PolicySources } from '../compile/read-policy-layers';
import { policyRequestSchema } from '../schema/request-schema';

// Property-based tests over small random policies and requests drawn from a universe dense
// enough that rules, excepts, wildcards, loopback aliases and CIDRs overlap often.

const HOSTS = [
  'a.test',
  'b.a.test',
  'c.b.a.test',
  'x.test',
  'localhost',
  '127.0.0.1',
  '10.0.0.1',
  '::1',
  'bücher.test',
];
const HOST_PATTERNS = [
  'a.test',
  '*.a.test',
  '**.a.test',
  'x.test',
  'localhost',
  '10.0.0.1',
  'xn--bcher-kva.test',
];
const DENY_ONLY_PATTERNS = ['*.test', '*'];
const CIDRS = ['10.0.0.0/8', '10.0.0.0/24', '127.0.0.0/8', '::1/128', '0.0.0.0/0', '192.0.2.0/24'];
const PORTS = [undefined, [443], ['8000-8999'], [80, 443]];
const PATHS = ['/a/**', '/a/*', '~/x/**', ':workspace/**', '/**', '/a/b', '/home/u/*'];
const URLS = ['https://s1.test/mcp', 'https://s2.test/**'];
const COMMANDS = [
  ['npx', 'a'],
  ['npx', 'a', '**'],
];
const TOOLS = ['get_*', 'delete_*', 'x', '*'];

const pick = <T>(items: readonly T[]) => fc.constantFrom(...items);
const someOf = <T>(items: readonly T[]) =>
  fc.subarray([...items], { minLength: 1, maxLength: Math.min(3, items.length) });

function networkRule(action: 'allow' | 'deny') {
  const hosts = action === 'deny' ? [...HOST_PATTERNS, ...DENY_ONLY_PATTERNS] : HOST_PATTERNS;
  return fc
    .record({
      hosts: fc.option(someOf(hosts), { nil: undefined }),
      cidrs: fc.option(someOf(CIDRS), { nil: undefined }),
      ports: pick(PORTS),
      except:
        action === 'deny'
          ? fc.option(someOf([...HOST_PATTERNS, ...CIDRS]), { nil: undefined })
          : fc.constant(undefined),
    })
    .map((rule) => ({
      action,
      ...(rule.hosts || rule.cidrs ? rule : { ...rule, hosts: ['a.test'] }),
    }));
}

function otherRule(action: 'allow' | 'deny') {
  return fc.oneof(
    fc.record({
      surface: fc.constant('filesystem'),
      action: fc.constant(action),
      paths: someOf(PATHS),
      access: pick(['read', 'write']),
    }),
    fc.record({
      surface: fc.constant('mcp'),
      action: fc.constant(action),
      server: fc.oneof(
        pick(URLS).map((url) => ({ url })),
        pick(COMMANDS).map((command) => ({ command })),
      ),
      tools:
        action === 'allow'
          ? fc.option(
              fc.record({
                allow: fc.option(someOf(TOOLS), { nil: undefined }),
                ask: fc.option(someOf(TOOLS), { nil: undefined }),
              }),
              { nil: undefined },
            )
          : fc.constant(undefined),
    }),
    fc.record({
      surface: fc.constant('credentials'),
      action: fc.constant(action),
      credential: pick(['c1', 'c2']),
      destinations:
        action === 'allow'
          ? someOf(['a.test', '*.a.test', 'localhost'])
          : fc.option(someOf(['a.test', '*.a.test']), { nil: undefined }),
    }),
  );
}

type GeneratedRule = Record<string, unknown> & { action: 'allow' | 'deny'; surface?: string };

function rule(action: 'allow' | 'deny'): fc.Arbitrary<GeneratedRule> {
  return fc.oneof(
    networkRule(action).map((value) => ({ surface: 'network', ...value })),
    otherRule(action),
  ) as fc.Arbitrary<GeneratedRule>;
}

const LAYERS = ['guardrails', 'baseline', 'g1', 'g2'] as const;
const placedRule = (action: 'allow' | 'deny') => fc.tuple(pick(LAYERS), rule(action));

function sourcesOf(placed: readonly (readonly [string, GeneratedRule])[]): PolicySources {
  const documents: Record<string, Record<string, { rules: object[] }>> = {};
  placed.forEach(([layer, { surface, ...fields }], index) => {
    documents[layer] ??= {};
    const document = documents[layer];
    const key = surface ?? 'network';
    document[key] ??= { rules: [] };
    const section = document[key];
    const clean = Object.fromEntries(
      Object.entries(fields).filter(([, value]) => value !== undefined),
    );
    section.rules.push({ id: `r${index}`, ...clean });
  });
  return {
    guardrails: documents.guardrails,
    baseline: documents.baseline,
    groups: { g1: documents.g1 ?? {}, g2: documents.g2 ?? {} },
  };
}

const REQUESTS: object[] = [
  ...HOSTS.flatMap((host) => [
    { surface: 'network', host },
    { surface: 'network', host, port: 443 },
    { surface: 'network', host, port: 8080, ip: '10.0.0.1' },
    { surface: 'network', host, ip: '127.0.0.1' },
  ]).filter(
    (request) => !('ip' in request) || !/^[\d:]/.test(request.host) || request.host === request.ip,
  ),
  { surface: 'network', ip: '192.0.2.7', port: 80 },
  ...['/a', '/a/b', '/a/b/c', '/ab', '~/x/y', ':workspace/z', '/home/u/x'].flatMap((path) =>
    ['read', 'write'].map((access) => ({
      surface: 'filesystem',
      path,
      access,
      home: '/home/u',
      workspace: '/w',
    })),
  ),
  ...[
    { url: 'https://s1.test/mcp' },
    { url: 'https://s2.test/a/b' },
    { command: ['npx', 'a'] },
    { command: ['npx', 'a', 'b'] },
  ].flatMap((server) =>
    [undefined, 'get_x', 'delete_x', 'x', 'other'].map((tool) => ({
      surface: 'mcp',
      server,
      ...(tool ? { tool } : {}),
    })),
  ),
  ...['c1', 'c2'].flatMap((credential) =>
    [undefined, 'a.test', 'b.a.test', 'c.b.a.test', '127.0.0.1'].map((destination) => ({
      surface: 'credential',
      credential,
      ...(destination ? { destination } : {}),
    })),
  ),
];
const GROUP_SETS: string[][] = [[], ['g1'], ['g2'], ['g1', 'g2']];

describe('evaluate never throws', () => {
  const policy = compilePolicy(
    sourcesOf([['baseline', { surface: 'network', action: 'allow', hosts: ['a.test'] }]]),
  );
  const decisionShape = {
    decision: expect.stringMatching(/^(allow|deny|ask)$/),
    layer: expect.any(String),
    mode: expect.stringMatching(/^(enforce|audit)$/),
  };

  it('on arbitrary values', () => {
    fc.assert(
      fc.property(
        fc.anything({
          withBigInt: true,
          withMap: true,
          withSet: true,
          withTypedArray: true,
          withNullPrototype: true,
        }),
        fc.anything(),
        (request, groups) => {
          expect(policy.evaluate(request)).toMatchObject(decisionShape);
          expect(policy.evaluate(request, { groups } as never)).toMatchObject(decisionShape);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('on request-shaped values with arbitrary fields', () => {
    const field = fc.oneof(
      fc.anything(),
      fc.string(),
      pick(['a.test', '10.0.0.1', '/a/b', 'read', 'write', 'https://s1.test/mcp']),
    );
    const request = fc.record(
      {
        surface: fc.oneof(pick(['network', 'filesystem', 'credential', 'mcp']), fc.anything()),
        host: field,
        ip: field,
        port: fc.oneof(fc.integer(), fc.double(), field),
        path: field,
        access: field,
        home: field,
        workspace: field,
        credential: field,
        destination: field,
        server: fc.oneof(
          fc.record(
            { url: field, command: fc.oneof(fc.array(fc.string()), field) },
            { requiredKeys: [] },
          ),
          field,
        ),
        tool: field,
      },
      { requiredKeys: ['surface'] },
    );
    fc.assert(
      fc.property(request, (value) => {
        expect(policy.evaluate(value)).toMatchObject(decisionShape);
      }),
      { numRuns: 5000 },
    );
  });
});

describe('hand-written request validation agrees with the zod request schema', () => {
  const policy = compilePolicy();
  const text = fc.oneof(
    fc.string({ maxLength: 8 }),
    pick([
      'a.test',
      'A.Test.',
      '10.0.0.1',
      '[::1]',
      '::ffff:1.2.3.4',
      'a..b',
      '/a/../b',
      '~/x',
      ':workspace/y',
      'rel',
      'https://s1.test/mcp',
      'https://u@s1.test/',
      'read',
      'write',
      '',
    ]),
  );
  const value = fc.oneof(
    text,
    fc.integer({ min: -2, max: 70_000 }),
    fc.constant(1.5),
    fc.constant(null),
    fc.boolean(),
    fc.array(text, { maxLength: 3 }),
  );
  const request = fc.record(
    {
      surface: pick(['network', 'filesystem', 'credential', 'mcp']),
      host: value,
      ip: value,
      port: value,
      path: value,
      access: value,
      home: value,
      workspace: value,
      credential: value,
      destination: value,
      tool: value,
      server: fc.oneof(
        value,
        fc.record({ url: value, command: value, name: value }, { requiredKeys: [] }),
      ),
      extra: value,
    },
    { requiredKeys: ['surface'] },
  );

  it('accepts exactly what the schema accepts', () => {
    fc.assert(
      fc.property(request, (value) => {
        const schemaAccepts = policyRequestSchema.safeParse(value).success;
        const engineAccepts = policy.evaluate(value).reason === undefined;
        expect({ value, engineAccepts }).toEqual({ value, engineAccepts: schemaAccepts });
      }),
      { numRuns: 20_000 },
    );
  });
});

describe('decisions are unchanged by host case and a trailing dot', () => {
  it('for every host of the universe, under random policies', () => {
    const flip = (host: string) =>
      [...host].map((char, index) => (index % 2 === 0 ? char.toUpperCase() : char)).join('');
    fc.assert(
      fc.property(
        fc.array(fc.oneof(placedRule('allow'), placedRule('deny')), { maxLength: 8 }),
        pick(GROUP_SETS),
        (placed, groups) => {
          const policy = compilePolicy(sourcesOf(placed));
          for (const host of HOSTS) {
            if (host.includes(':')) continue;
            for (const port of [undefined, 443]) {
              const decide = (name: string) =>
                policy.evaluate(
                  { surface: 'network', host: name, ...(port ? { port } : {}) },
                  { groups },
                );
              const base = decide(host);
              expect(decide(flip(host))).toEqual(base);
              expect(decide(`${host}.`)).toEqual(base);
              expect(decide(`${flip(host)}.`)).toEqual(base);
            }
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('monotonicity', () => {
  function everyDecision(sources: PolicySources) {
    const policy = compilePolicy(sources);
    return GROUP_SETS.flatMap((groups) =>
      REQUESTS.map((request) => ({
        request,
        groups,
        decision: policy.evaluate(request, { groups }).decision,
      })),
    );
  }

  it('adding a deny rule never turns a deny into an allow (or an ask)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(placedRule('allow'), placedRule('deny')), { maxLength: 10 }),
        placedRule('deny'),
        fc.nat(),
        (placed, added, at) => {
          const before = everyDecision(sourcesOf(placed));
          const withDeny = [...placed];
          withDeny.splice(at % (placed.length + 1), 0, added);
          const after = everyDecision(sourcesOf(withDeny));
          before.forEach((row, index) => {
            if (row.decision === 'deny')
              expect({ ...row, decision: after[index]?.decision }).toEqual(row);
          });
        },
      ),
      { numRuns: 150 },
    );
  });

  // An allow rule carrying tools.deny is, for those tools, a deny: that is how POLICY.md denies
  // single tools. The allow rules generated here carry only `allow` and `ask` lists.
  it('adding an allow rule never turns an allow into a deny', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(placedRule('allow'), placedRule('deny')), { maxLength: 10 }),
        placedRule('allow'),
        fc.nat(),
        (placed, added, at) => {
          const before = everyDecision(sourcesOf(placed));
          const withAllow = [...placed];
          withAllow.splice(at % (placed.length + 1), 0, added);
          const after = everyDecision(sourcesOf(withAllow));
          before.forEach((row, index) => {
            if (row.decision === 'allow') expect(after[index]?.decision).not.toBe('deny');
          });
        },
      ),
      { numRuns: 150 },
    );
  });
});

import fc from 'fast-check';
import type { PolicySources } from '../compile/read-policy-layers';

// Generators for the property-based tests: small random policies and requests drawn from a
// universe dense enough that rules, excepts, wildcards, loopback aliases and CIDRs overlap often.

export const HOSTS = [
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

export const pick = <T>(items: readonly T[]) => fc.constantFrom(...items);
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
export const placedRule = (action: 'allow' | 'deny') => fc.tuple(pick(LAYERS), rule(action));

export function sourcesOf(placed: readonly (readonly [string, GeneratedRule])[]): PolicySources {
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

export const REQUESTS: object[] = [
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
export const GROUP_SETS: string[][] = [[], ['g1'], ['g2'], ['g1', 'g2']];

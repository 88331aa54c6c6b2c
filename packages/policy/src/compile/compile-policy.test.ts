import { describe, expect, it } from 'vitest';
import { PolicyCompileError } from '../errors/policy-compile-error';
import { compilePolicy } from './compile-policy';

// docs/policy-language.md § Documents and layers, § Decision, § Compiled form and speed.

const net = (...rules: object[]) => ({ network: { rules } });
const allow = (id: string, hosts: string[], extra: object = {}) => ({
  id,
  action: 'allow',
  hosts,
  ...extra,
});
const deny = (id: string, hosts: string[], extra: object = {}) => ({
  id,
  action: 'deny',
  hosts,
  ...extra,
});
const request = (host: string) => ({ surface: 'network', host });

describe('layering and the order of decisions', () => {
  const policy = compilePolicy({
    guardrails: net(deny('g-deny', ['denied.test'])),
    baseline: net(
      allow('b-allow', ['shared.test', 'denied.test']),
      deny('b-deny', ['both.test']),
      allow('b-second', ['shared.test']),
    ),
    groups: {
      zeta: net(
        allow('z-allow', ['shared.test', 'zeta.test']),
        deny('z-deny', ['both.test', 'ab.test']),
      ),
      alpha: net(allow('a-allow', ['shared.test', 'alpha.test']), deny('a-deny', ['ab.test'])),
    },
  });

  it.each([
    [
      'a guardrail deny wins over a baseline allow',
      'denied.test',
      [],
      ['deny', 'g-deny', 'guardrails'],
    ],
    [
      'the first allow in layer then rule order is reported',
      'shared.test',
      ['zeta', 'alpha'],
      ['allow', 'b-allow', 'baseline'],
    ],
    [
      'groups are ordered by name, not by the request',
      'ab.test',
      ['zeta', 'alpha'],
      ['deny', 'a-deny', 'group:alpha'],
    ],
    ['allows add up across layers', 'zeta.test', ['zeta'], ['allow', 'z-allow', 'group:zeta']],
    [
      'a group layer applies only to its members',
      'zeta.test',
      ['alpha'],
      ['deny', null, 'default'],
    ],
    ['deny wins across layers', 'both.test', ['zeta'], ['deny', 'b-deny', 'baseline']],
    [
      'unknown groups are ignored',
      'alpha.test',
      ['nope', 'alpha'],
      ['allow', 'a-allow', 'group:alpha'],
    ],
    ['nothing matches: default deny', 'nothing.test', ['alpha', 'zeta'], ['deny', null, 'default']],
  ] as const)('%s', (_what, host, groups, [decision, ruleId, layer]) => {
    expect(policy.evaluate(request(host), { groups })).toEqual({
      decision,
      ruleId,
      layer,
      mode: 'enforce',
    });
  });

  it('lists its layers in evaluation order', () => {
    expect(policy.layers).toEqual(['guardrails', 'baseline', 'group:alpha', 'group:zeta']);
  });

  it('gives the same answer for a group list it has cached and one it has not', () => {
    for (let round = 0; round < 3; round++) {
      expect(policy.evaluate(request('alpha.test'), { groups: ['alpha'] }).decision).toBe('allow');
      expect(policy.evaluate(request('alpha.test'), { groups: ['zeta'] }).decision).toBe('deny');
    }
  });

  it('does not reuse a group list that was changed in place', () => {
    const groups = ['alpha'];
    expect(policy.evaluate(request('alpha.test'), { groups }).decision).toBe('allow');
    groups[0] = 'zeta';
    expect(policy.evaluate(request('alpha.test'), { groups }).decision).toBe('deny');
  });
});

describe('an org with more groups than fit a bit mask', () => {
  const names = Array.from({ length: 40 }, (_, index) => `g${String(index).padStart(2, '0')}`);
  const policy = compilePolicy({
    groups: Object.fromEntries(
      names.map((name) => [name, net(allow(`allow-${name}`, [`${name}.test`]))]),
    ),
  });
  it.each(names)('%s applies to its members only', (name) => {
    expect(
      policy.evaluate(request(`${name}.test`), { groups: ['g00', name, 'g39'] }),
    ).toMatchObject({ decision: 'allow', ruleId: `allow-${name}` });
    expect(
      policy.evaluate(request(`${name}.test`), { groups: names.filter((other) => other !== name) })
        .decision,
    ).toBe('deny');
  });
});

describe('modes', () => {
  const policy = compilePolicy({
    guardrails: {
      mode: 'audit',
      ...net(deny('g', ['g.test']), deny('g-enforced', ['ge.test'], { mode: 'enforce' })),
    },
    baseline: net(allow('b', ['b.test']), allow('b-audit', ['ba.test'], { mode: 'audit' })),
  });
  it.each([
    ["a rule takes its document's mode", 'g.test', 'audit'],
    ["a rule's own mode overrides it", 'ge.test', 'enforce'],
    ['a document without mode is enforce', 'b.test', 'enforce'],
    ['a rule in audit mode', 'ba.test', 'audit'],
    ['the default deny takes the guardrails mode', 'nothing.test', 'audit'],
  ])('%s', (_what, host, mode) => {
    expect(policy.evaluate(request(host)).mode).toBe(mode);
  });
  it('an invalid request takes the guardrails mode', () => {
    expect(policy.evaluate({ surface: 'nope' })).toMatchObject({
      decision: 'deny',
      mode: 'audit',
      layer: 'default',
    });
  });
  it('without guardrails the default mode is enforce', () => {
    expect(compilePolicy({ baseline: { mode: 'audit' } }).evaluate(request('x.test')).mode).toBe(
      'enforce',
    );
  });
});

describe('evaluate never throws', () => {
  const policy = compilePolicy({ baseline: net(allow('a', ['a.test'])) });
  const hostile = {
    surface: 'network',
    get host(): string {
      throw new Error('boom');
    },
  };
  it.each([
    ['undefined', undefined],
    ['a string', 'network'],
    ['an array', [{ surface: 'network', host: 'a.test' }]],
    ['a getter that throws', hostile],
    ['a surface that is an object', { surface: { toString: () => 'network' } }],
    [
      'a proxy that throws on every access',
      new Proxy(
        {},
        {
          get: () => {
            throw new Error('trap');
          },
          ownKeys: () => {
            throw new Error('trap');
          },
        },
      ),
    ],
  ])('%s is denied with a reason', (_what, value) => {
    const decision = policy.evaluate(value);
    expect(decision).toMatchObject({ decision: 'deny', ruleId: null, layer: 'default' });
    expect(decision.reason).toEqual(expect.any(String));
  });
  it('a context that is not an object, or groups that are not strings, deny with a reason', () => {
    expect(policy.evaluate(request('a.test'), 'eng' as never).reason).toEqual(expect.any(String));
    expect(policy.evaluate(request('a.test'), { groups: [1] as never }).reason).toEqual(
      expect.any(String),
    );
    expect(policy.evaluate(request('a.test'), { groups: 'eng' as never }).reason).toEqual(
      expect.any(String),
    );
  });
  it('decisions without a reason for valid requests', () => {
    expect(policy.evaluate(request('a.test'))).toEqual({
      decision: 'allow',
      ruleId: 'a',
      layer: 'baseline',
      mode: 'enforce',
    });
    expect(policy.evaluate(request('b.test'))).toEqual({
      decision: 'deny',
      ruleId: null,
      layer: 'default',
      mode: 'enforce',
    });
  });
});

describe('compile errors', () => {
  it('lists every problem of every layer in one error, one per line', () => {
    let error: unknown;
    try {
      compilePolicy({
        guardrails:
          'network:\n  rules:\n    - id: a\n      action: allow\n      hosts: ["*.com"]\n',
        baseline: {
          network: { rules: [{ id: 'x', action: 'deny', hosts: ['ok.test'], ports: [0] }] },
        },
        groups: { eng: 'mode: sometimes\n' },
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(PolicyCompileError);
    const compileError = error as PolicyCompileError;
    expect(compileError.code).toBe('POLICY_INVALID');
    expect(compileError.issues.map((issue) => [issue.layer, issue.path, issue.line])).toEqual([
      ['guardrails', 'network.rules[0].hosts[0]', 5],
      ['baseline', 'network.rules[0].ports[0]', undefined],
      ['group:eng', 'mode', 1],
    ]);
    expect(compileError.message.split('\n')).toEqual([
      expect.stringMatching(
        /^guardrails: network\.rules\[0\]\.hosts\[0\] \(line 5\): .*two labels/,
      ),
      expect.stringMatching(/^baseline: network\.rules\[0\]\.ports\[0\]: .*1 to 65535/),
      expect.stringMatching(/^group:eng: mode \(line 1\): must be one of enforce, audit$/),
    ]);
  });

  it('refuses group names with control characters', () => {
    expect(() => compilePolicy({ groups: { 'a\nb': {} } })).toThrow(PolicyCompileError);
  });

  it('treats missing layers as empty documents', () => {
    const policy = compilePolicy();
    expect(policy.evaluate(request('x.test'))).toEqual({
      decision: 'deny',
      ruleId: null,
      layer: 'default',
      mode: 'enforce',
    });
    expect(policy.runTests()).toEqual({ passed: 0, failed: 0, results: [] });
  });
});

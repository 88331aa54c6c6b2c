import { describe, expect, it } from 'vitest';
import { checkPolicySource, lineDiagnostics } from './policy-diagnostics';

describe('checkPolicySource', () => {
  it('reports the engine problem with its line', () => {
    const source =
      'network:\n  rules:\n    - id: a\n      action: allow\n      hosts: ["bad host"]\n';
    const issues = checkPolicySource(source, 'baseline');
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ path: 'network.rules[0].hosts[0]', line: 5 });
  });

  it('reports a source that does not parse', () => {
    expect(checkPolicySource('network: [\n', 'baseline')[0]?.line).toBeGreaterThan(0);
  });
});

describe('lineDiagnostics', () => {
  it.each([
    [
      'a problem on its line',
      [{ path: 'mode', line: 2, message: 'bad' }],
      [],
      5,
      [{ line: 2, message: 'mode: bad' }],
    ],
    [
      'a problem without a line on the first',
      [{ path: '', message: 'empty' }],
      [],
      5,
      [{ line: 1, message: 'empty' }],
    ],
    [
      'a stale line on the last',
      [],
      [{ path: 'x', line: 40, message: 'old' }],
      3,
      [{ line: 3, message: 'x: old' }],
    ],
    [
      'the same problem once',
      [{ path: 'x', line: 2, message: 'm' }],
      [{ path: 'x', line: 4, message: 'm' }],
      5,
      [{ line: 2, message: 'x: m' }],
    ],
  ] as const)('puts %s', (_name, local, server, lines, expected) => {
    expect(lineDiagnostics(local, server, lines)).toEqual(expected);
  });
});

import { describe, expect, it } from 'vitest';
import { parsePolicyDocument } from './parse-policy-document';

// Schema errors: every problem at once, each with its path, for YAML its line, in words a person
// can act on.

function issuesOf(source: string | Record<string, unknown>) {
  const result = parsePolicyDocument(source, { layer: 'baseline' });
  if (result.success) return [];
  return result.issues.map((issue) => ({
    path: issue.path,
    line: issue.line,
    message: issue.message,
  }));
}

describe('every error names its path and YAML line, all at once', () => {
  const yaml = [
    'mode: enforce', // 1
    'network:', // 2
    '  rules:', // 3
    '    - id: ok', // 4
    '      action: allow', // 5
    '      hosts: [github.com]', // 6
    '    - id: wide', // 7
    '      action: allow', // 8
    '      hosts: [example.org, "*.com"]', // 9
    '      ports: [443, 70000]', // 10
    '    - id: typo', // 11
    '      action: deny', // 12
    '      hots: [x.test]', // 13
    'filesystem:', // 14
    '  rules:', // 15
    '    - id: ok', // 16
    '      action: allow', // 17
    '      paths: [src/**]', // 18
  ].join('\n');

  it('reports each problem with path and line, in file order', () => {
    expect(issuesOf(yaml)).toEqual([
      {
        path: 'network.rules[1].hosts[1]',
        line: 9,
        message: expect.stringContaining('two labels'),
      },
      {
        path: 'network.rules[1].ports[1]',
        line: 10,
        message: expect.stringContaining('1 to 65535'),
      },
      {
        path: 'network.rules[2]',
        line: 11,
        message: 'a network rule needs hosts or cidrs (or both)',
      },
      { path: 'network.rules[2].hots', line: 13, message: 'unknown field "hots"' },
      {
        path: 'filesystem.rules[0].access',
        line: 16,
        message: 'is required: must be one of read, write',
      },
      {
        path: 'filesystem.rules[0].id',
        line: 16,
        message: expect.stringContaining('duplicate rule id "ok"'),
      },
      {
        path: 'filesystem.rules[0].paths[0]',
        line: 18,
        message: expect.stringContaining('relative'),
      },
    ]);
  });

  it('names a YAML syntax error with its line', () => {
    expect(issuesOf('network:\n  rules: [\n')).toEqual([
      { path: '', line: expect.any(Number), message: expect.stringContaining('not valid YAML') },
    ]);
  });

  it('refuses duplicate keys in YAML', () => {
    expect(issuesOf('mode: enforce\nmode: audit\n')).toEqual([
      { path: '', line: 2, message: expect.stringContaining('unique') },
    ]);
  });

  it('says to quote a YAML number where a host is expected', () => {
    expect(
      issuesOf('network:\n  rules:\n    - { id: a, action: allow, hosts: [127.1] }\n'),
    ).toEqual([
      {
        path: 'network.rules[0].hosts[0]',
        line: 3,
        message: 'must be text, found the number 127.1 (put it in quotes)',
      },
    ]);
  });
});

describe('JSON documents', () => {
  it('are read as JSON, with lines for their errors', () => {
    const json =
      '{\n  "network": {\n    "rules": [\n      { "id": "a", "action": "allow", "hosts": ["*"] }\n    ]\n  }\n}';
    expect(issuesOf(json)).toEqual([
      { path: 'network.rules[0].hosts[0]', line: 4, message: expect.stringContaining('bare *') },
    ]);
  });
  it('refuse a repeated key instead of keeping the last one', () => {
    const json =
      '{"network": {"rules": [{"id": "a", "action": "deny", "action": "allow", "hosts": ["x.test"]}]}}';
    expect(issuesOf(json)).toEqual([
      { path: '', line: 1, message: expect.stringContaining('unique') },
    ]);
  });
  it('accept a valid document', () => {
    expect(
      issuesOf('{"network": {"rules": [{"id": "a", "action": "allow", "hosts": ["x.test"]}]}}'),
    ).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { groupIssues } from './group-issues';

describe('groupIssues', () => {
  it.each([
    ['network.rules[2].hosts[0]', 'fields', 'network/2/hosts'],
    ['mcp.rules[0].tools.allow[1]', 'fields', 'mcp/0/tools.allow'],
    ['mcp.rules[0].server.url', 'fields', 'mcp/0/server.url'],
    ['credentials.rules[1].ttl', 'fields', 'credentials/1/ttl'],
    ['network.rules[3]', 'rules', 'network/3'],
    ['tests[0].name', 'other', undefined],
    ['', 'other', undefined],
  ] as const)('puts %j with the %s', (path, group, key) => {
    const grouped = groupIssues([{ path, message: 'wrong' }]);
    if (group === 'other') expect(grouped.other).toHaveLength(1);
    else expect(grouped[group].get(key as string)).toEqual(['wrong']);
  });

  it('names the chip a problem is about', () => {
    const grouped = groupIssues(
      [{ path: 'network.rules[0].hosts[1]', message: 'bad' }],
      () => 'x y',
    );
    expect(grouped.fields.get('network/0/hosts')).toEqual(['x y: bad']);
  });
});

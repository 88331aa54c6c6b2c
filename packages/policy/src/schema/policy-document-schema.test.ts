import { describe, expect, it } from 'vitest';
import { parsePolicyDocument } from '../parse/parse-policy-document';
import { policyDocumentJsonSchema } from './index';

// What the schema refuses and accepts, one row per rule of docs/policy-language.md, each refusal
// named by path.

function issuesOf(source: string | Record<string, unknown>) {
  const result = parsePolicyDocument(source, { layer: 'baseline' });
  if (result.success) return [];
  return result.issues.map((issue) => ({
    path: issue.path,
    line: issue.line,
    message: issue.message,
  }));
}

function pathsOf(source: string | Record<string, unknown>) {
  return issuesOf(source).map((issue) => issue.path);
}

const rules = (surface: string, ...list: object[]) => ({ [surface]: { rules: list } });

describe('what the schema refuses', () => {
  it.each([
    ['an unknown top-level field', { networks: {} }, ['networks']],
    [
      'an unknown rule field',
      rules('network', { id: 'a', action: 'allow', hosts: ['a.test'], port: 443 }),
      ['network.rules[0].port'],
    ],
    [
      'an unknown action',
      rules('network', { id: 'a', action: 'block', hosts: ['a.test'] }),
      ['network.rules[0].action'],
    ],
    [
      'an unknown mode',
      rules('network', { id: 'a', action: 'allow', mode: 'warn', hosts: ['a.test'] }),
      ['network.rules[0].mode'],
    ],
    [
      'a duplicate id across surfaces',
      {
        ...rules('network', { id: 'x', action: 'allow', hosts: ['a.test'] }),
        ...rules('credentials', { id: 'x', action: 'deny', credential: 'c' }),
      },
      ['credentials.rules[0].id'],
    ],
    [
      '*.com in an allow',
      rules('network', { id: 'a', action: 'allow', hosts: ['*.com'] }),
      ['network.rules[0].hosts[0]'],
    ],
    [
      '**.co in an allow',
      rules('network', { id: 'a', action: 'allow', hosts: ['**.co'] }),
      ['network.rules[0].hosts[0]'],
    ],
    [
      'a bare * in an allow',
      rules('network', { id: 'a', action: 'allow', hosts: ['*'] }),
      ['network.rules[0].hosts[0]'],
    ],
    [
      'a bare * in an except',
      rules('network', { id: 'a', action: 'deny', hosts: ['*'], except: ['*'] }),
      ['network.rules[0].except[0]'],
    ],
    [
      'a wildcard that is not the leftmost label',
      rules('network', { id: 'a', action: 'deny', hosts: ['a.*.test', 'a*.test', '***.test'] }),
      ['network.rules[0].hosts[0]', 'network.rules[0].hosts[1]', 'network.rules[0].hosts[2]'],
    ],
    [
      'a CIDR in hosts',
      rules('network', { id: 'a', action: 'deny', hosts: ['10.0.0.0/8'] }),
      ['network.rules[0].hosts[0]'],
    ],
    [
      'a malformed CIDR',
      rules('network', {
        id: 'a',
        action: 'deny',
        cidrs: ['10.0.0.0/33', '10.0.0.1/8', '300.0.0.0/8', '010.0.0.0/8', 'fd00::/129'],
      }),
      [0, 1, 2, 3, 4].map((index) => `network.rules[0].cidrs[${index}]`),
    ],
    [
      'a malformed host',
      rules('network', {
        id: 'a',
        action: 'deny',
        hosts: ['a..b', 'exa mple.com', 'http://x.test'],
      }),
      [0, 1, 2].map((index) => `network.rules[0].hosts[${index}]`),
    ],
    [
      'bad ports',
      rules('network', {
        id: 'a',
        action: 'allow',
        hosts: ['a.test'],
        ports: [0, 65536, 1.5, '9-8', '1-70000', 'http'],
      }),
      [0, 1, 2, 3, 4, 5].map((index) => `network.rules[0].ports[${index}]`),
    ],
    [
      'an empty ports list',
      rules('network', { id: 'a', action: 'allow', hosts: ['a.test'], ports: [] }),
      ['network.rules[0].ports'],
    ],
    [
      'except on an allow',
      rules('network', { id: 'a', action: 'allow', hosts: ['a.test'], except: ['b.a.test'] }),
      ['network.rules[0].except'],
    ],
    [
      'a filesystem rule without paths and access',
      rules('filesystem', { id: 'a', action: 'allow' }),
      ['filesystem.rules[0].paths', 'filesystem.rules[0].access'],
    ],
    [
      'filesystem patterns that are relative or use ..',
      rules('filesystem', {
        id: 'a',
        action: 'allow',
        access: 'read',
        paths: ['src', '$HOME/x', '~root/x', ':tmp/x', '/a/../b', '/a/b**'],
      }),
      [0, 1, 2, 3, 4, 5].map((index) => `filesystem.rules[0].paths[${index}]`),
    ],
    [
      'an allow credential without destinations',
      rules('credentials', { id: 'a', action: 'allow', credential: 'c' }),
      ['credentials.rules[0].destinations'],
    ],
    [
      '*.com and a bare * in destinations',
      rules('credentials', {
        id: 'a',
        action: 'allow',
        credential: 'c',
        destinations: ['*.com', '*', '**.co'],
      }),
      [0, 1, 2].map((index) => `credentials.rules[0].destinations[${index}]`),
    ],
    [
      "*.com in a deny rule's destinations too",
      rules('credentials', { id: 'a', action: 'deny', credential: 'c', destinations: ['*.com'] }),
      ['credentials.rules[0].destinations[0]'],
    ],
    [
      'a ttl over 24h',
      rules('credentials', {
        id: 'a',
        action: 'allow',
        credential: 'c',
        destinations: ['a.test'],
        ttl: '25h',
      }),
      ['credentials.rules[0].ttl'],
    ],
    [
      'a ttl in days or of zero',
      rules(
        'credentials',
        { id: 'a', action: 'allow', credential: 'c', destinations: ['a.test'], ttl: '1d' },
        { id: 'b', action: 'allow', credential: 'c', destinations: ['a.test'], ttl: '0m' },
      ),
      ['credentials.rules[0].ttl', 'credentials.rules[1].ttl'],
    ],
    [
      'a ttl on a deny',
      rules('credentials', { id: 'a', action: 'deny', credential: 'c', ttl: '1h' }),
      ['credentials.rules[0].ttl'],
    ],
    [
      '"**" before the last argument',
      rules('mcp', { id: 'a', action: 'allow', server: { command: ['npx', '**', 'x'] } }),
      ['mcp.rules[0].server.command[1]'],
    ],
    [
      'a deny rule with tools',
      rules('mcp', { id: 'a', action: 'deny', server: { command: ['x'] }, tools: { deny: ['y'] } }),
      ['mcp.rules[0].tools'],
    ],
    [
      'a server with both url and command',
      rules('mcp', {
        id: 'a',
        action: 'allow',
        server: { url: 'https://a.test/', command: ['x'] },
      }),
      ['mcp.rules[0].server'],
    ],
    [
      'a server with neither',
      rules('mcp', { id: 'a', action: 'allow', server: {} }),
      ['mcp.rules[0].server'],
    ],
    [
      'a server by name',
      rules('mcp', { id: 'a', action: 'allow', server: { name: 'github' } }),
      ['mcp.rules[0].server', 'mcp.rules[0].server.name'],
    ],
    [
      'a url with userinfo, a wildcard host or another scheme',
      rules(
        'mcp',
        { id: 'a', action: 'allow', server: { url: 'https://u:p@a.test/' } },
        { id: 'b', action: 'allow', server: { url: 'https://*.a.test/' } },
        { id: 'c', action: 'allow', server: { url: 'ftp://a.test/' } },
      ),
      ['mcp.rules[0].server.url', 'mcp.rules[1].server.url', 'mcp.rules[2].server.url'],
    ],
    [
      'a test with an unknown expectation and a malformed request',
      { tests: [{ name: 't', request: { surface: 'network', hots: 'x' }, expect: 'allowed' }] },
      ['tests[0].request.hots', 'tests[0].request', 'tests[0].expect'],
    ],
    [
      'duplicate test names',
      {
        tests: [
          { name: 't', request: { surface: 'credential', credential: 'c' }, expect: 'deny' },
          { name: 't', request: { surface: 'credential', credential: 'c' }, expect: 'deny' },
        ],
      },
      ['tests[1].name'],
    ],
  ])('%s', (_what, document, paths) => {
    expect(pathsOf(document as Record<string, unknown>).sort()).toEqual([...paths].sort());
  });

  it('hints at what a deny rule with tools should be instead', () => {
    const [issue] = issuesOf(
      rules('mcp', { id: 'a', action: 'deny', server: { command: ['x'] }, tools: {} }),
    );
    expect(issue?.message).toContain('tools.deny on an allow rule');
  });
});

describe('what the schema accepts', () => {
  it.each([
    [
      '*.com and a bare * in a deny',
      rules('network', { id: 'a', action: 'deny', hosts: ['*', '*.com', '**.co'] }),
    ],
    [
      'two-label wildcards in an allow',
      rules('network', { id: 'a', action: 'allow', hosts: ['*.co.uk', '**.example.com'] }),
    ],
    [
      'CIDRs and names in except',
      rules('network', {
        id: 'a',
        action: 'deny',
        cidrs: ['10.0.0.0/8'],
        except: ['10.1.0.0/16', 'git.test', '*.ok.test', '::1'],
      }),
    ],
    [
      'ports as numbers and ranges',
      rules('network', {
        id: 'a',
        action: 'allow',
        hosts: ['a.test'],
        ports: [1, 65535, '8000-8999', '443'],
      }),
    ],
    [
      'IP literals and IDN in hosts',
      rules('network', { id: 'a', action: 'allow', hosts: ['[::1]', '127.1', 'bücher.example'] }),
    ],
    ['an empty document', {}],
    [
      'a final "**" argument',
      rules('mcp', { id: 'a', action: 'allow', server: { command: ['uvx', '**'] } }),
    ],
    [
      'a ttl of exactly 24h',
      rules('credentials', {
        id: 'a',
        action: 'allow',
        credential: 'c',
        destinations: ['a.test'],
        ttl: '24h',
      }),
    ],
    [
      'the same id in different documents is not checked here',
      rules('network', { id: 'a', action: 'allow', hosts: ['a.test'] }),
    ],
  ])('%s', (_what, document) => {
    expect(issuesOf(document)).toEqual([]);
  });

  it('reads an empty file as an empty document', () => {
    expect(parsePolicyDocument('# nothing yet\n', { layer: 'baseline' })).toMatchObject({
      success: true,
      document: {},
    });
  });
});

describe('the JSON Schema of a document', () => {
  it('describes the four surfaces and the tests, and refuses unknown fields', () => {
    expect(policyDocumentJsonSchema).toMatchObject({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'object',
      additionalProperties: false,
      properties: {
        mode: { enum: ['enforce', 'audit'] },
        network: { type: 'object' },
        filesystem: { type: 'object' },
        credentials: { type: 'object' },
        mcp: { type: 'object' },
        tests: { type: 'array' },
      },
    });
    expect(JSON.parse(JSON.stringify(policyDocumentJsonSchema))).toEqual(policyDocumentJsonSchema);
  });
});

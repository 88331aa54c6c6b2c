import { describe, expect, it } from 'vitest';
import { decider, type Expected, project } from '../testing/decide';

// docs/policy-language.md § MCP, as tables of [what, request, expected].

type Row = readonly [what: string, request: Record<string, unknown>, expected: Expected];

function table(
  name: string,
  decide: ReturnType<typeof decider>,
  rows: readonly Row[],
  groups: string[] = [],
) {
  describe(name, () => {
    it.each(rows)('%s', (_what, request, expected) => {
      expect(project(decide({ surface: 'mcp', ...request }, groups), expected)).toEqual(expected);
    });
  });
}

const mcp = (...rules: object[]) => ({ mcp: { rules } });
const url = (value: string) => ({ url: value });
const command = (...argv: string[]) => ({ command: argv });

table(
  'servers are identified by url: scheme and host exact, default port, path globs',
  decider({
    baseline: mcp(
      { id: 'gh', action: 'allow', server: url('https://api.githubcopilot.com/mcp/') },
      { id: 'tenant', action: 'allow', server: url('https://mcp.example.com/t/*/sse') },
      { id: 'tree', action: 'allow', server: url('http://localhost:8080/tools/**') },
    ),
  }),
  [
    ['the exact url', { server: url('https://api.githubcopilot.com/mcp/') }, ['allow', 'gh']],
    [
      'a trailing / is ignored',
      { server: url('https://api.githubcopilot.com/mcp') },
      ['allow', 'gh'],
    ],
    [
      'the default port is filled in',
      { server: url('https://api.githubcopilot.com:443/mcp') },
      ['allow', 'gh'],
    ],
    [
      'query and fragment are ignored',
      { server: url('https://api.githubcopilot.com/mcp?x=1#y') },
      ['allow', 'gh'],
    ],
    [
      'scheme and host are parsed (upper case)',
      { server: url('HTTPS://API.GithubCopilot.com/mcp') },
      ['allow', 'gh'],
    ],
    [
      'another scheme is another server',
      { server: url('http://api.githubcopilot.com/mcp') },
      ['deny', null],
    ],
    [
      'another port is another server',
      { server: url('https://api.githubcopilot.com:8443/mcp') },
      ['deny', null],
    ],
    [
      'another host is another server',
      { server: url('https://api.githubcopilot.com.evil.test/mcp') },
      ['deny', null],
    ],
    [
      'the path is case-sensitive',
      { server: url('https://api.githubcopilot.com/MCP') },
      ['deny', null],
    ],
    [
      'a longer path is another server',
      { server: url('https://api.githubcopilot.com/mcp/x') },
      ['deny', null],
    ],
    [
      '.. is resolved before matching',
      { server: url('https://api.githubcopilot.com/other/../mcp') },
      ['allow', 'gh'],
    ],
    [
      '* matches one segment',
      { server: url('https://mcp.example.com/t/acme/sse') },
      ['allow', 'tenant'],
    ],
    ['* does not match two', { server: url('https://mcp.example.com/t/a/b/sse') }, ['deny', null]],
    [
      '** matches the base itself',
      { server: url('http://localhost:8080/tools') },
      ['allow', 'tree'],
    ],
    ['** matches below', { server: url('http://localhost:8080/tools/a/b') }, ['allow', 'tree']],
    [
      'no loopback aliasing for url hosts',
      { server: url('http://127.0.0.1:8080/tools') },
      ['deny', null],
    ],
    [
      'userinfo is refused',
      { server: url('https://user:pw@api.githubcopilot.com/mcp') },
      'invalid',
    ],
    [
      'userinfo that hides the real host',
      { server: url('https://api.githubcopilot.com@evil.test/mcp') },
      'invalid',
    ],
    ['a scheme that is no MCP transport', { server: url('file:///etc/passwd') }, 'invalid'],
    ['not a url', { server: url('api.githubcopilot.com/mcp') }, 'invalid'],
  ],
);

table(
  'servers are identified by their exact command; a final ** takes any remaining arguments',
  decider({
    baseline: mcp(
      {
        id: 'exact',
        action: 'allow',
        server: command('npx', '-y', '@modelcontextprotocol/server-github'),
      },
      { id: 'rest', action: 'allow', server: command('uvx', 'mcp-server-fetch', '**') },
      { id: 'star', action: 'allow', server: command('node', '*') },
    ),
  }),
  [
    [
      'the exact arguments',
      { server: command('npx', '-y', '@modelcontextprotocol/server-github') },
      ['allow', 'exact'],
    ],
    [
      'an extra argument is another server',
      { server: command('npx', '-y', '@modelcontextprotocol/server-github', '--x') },
      ['deny', null],
    ],
    [
      'a missing argument is another server',
      { server: command('npx', '@modelcontextprotocol/server-github') },
      ['deny', null],
    ],
    [
      'arguments are case-sensitive',
      { server: command('NPX', '-y', '@modelcontextprotocol/server-github') },
      ['deny', null],
    ],
    [
      'a final ** matches zero more arguments',
      { server: command('uvx', 'mcp-server-fetch') },
      ['allow', 'rest'],
    ],
    [
      'a final ** matches several',
      { server: command('uvx', 'mcp-server-fetch', '--a', 'b') },
      ['allow', 'rest'],
    ],
    ['* is a literal argument', { server: command('node', 'server.js') }, ['deny', null]],
    ['…that matches only itself', { server: command('node', '*') }, ['allow', 'star']],
    ['an empty command is invalid', { server: command() }, 'invalid'],
  ],
);

table(
  'a server is never identified by a name, nor by both url and command',
  decider({
    baseline: mcp({ id: 'gh', action: 'allow', server: url('https://api.githubcopilot.com/mcp/') }),
  }),
  [
    ['a name is not an identity', { server: { name: 'github' } }, 'invalid'],
    [
      'a name next to the url is refused too',
      { server: { url: 'https://api.githubcopilot.com/mcp/', name: 'github' } },
      'invalid',
    ],
    [
      'both url and command',
      { server: { url: 'https://api.githubcopilot.com/mcp/', command: ['x'] } },
      'invalid',
    ],
    ['neither', { server: {} }, 'invalid'],
    ['no server', { tool: 'get_me' }, 'invalid'],
    [
      'an empty tool name',
      { server: url('https://api.githubcopilot.com/mcp/'), tool: '' },
      'invalid',
    ],
  ],
);

const GH = url('https://gh.example/mcp');
const OTHER = url('https://other.example/mcp');
const toolPolicy = decider({
  guardrails: mcp(
    { id: 'gh-guard', action: 'allow', server: GH, tools: { deny: ['delete_*'] } },
    { id: 'banned', action: 'deny', server: url('https://banned.example/mcp') },
  ),
  baseline: mcp(
    {
      id: 'gh-read',
      action: 'allow',
      server: GH,
      tools: { allow: ['get_*', 'list_*', 'delete_branch'], ask: ['create_*'] },
    },
    { id: 'other-all', action: 'allow', server: OTHER },
    { id: 'banned-allow', action: 'allow', server: url('https://banned.example/mcp') },
  ),
  groups: {
    eng: mcp({
      id: 'gh-eng',
      action: 'allow',
      server: GH,
      tools: { allow: ['create_*', 'push_*'], deny: ['push_force'] },
    }),
  },
});

table('tools: deny anywhere, else ask, else allow; a tool rule belongs to its server', toolPolicy, [
  ['a listed tool', { server: GH, tool: 'get_issue' }, ['allow', 'gh-read']],
  ['an unlisted tool is not allowed', { server: GH, tool: 'push_files' }, ['deny', null]],
  ['an ask', { server: GH, tool: 'create_issue' }, ['ask', 'gh-read']],
  [
    'a guardrail tools.deny beats a baseline allow',
    { server: GH, tool: 'delete_branch' },
    ['deny', 'gh-guard', 'guardrails'],
  ],
  ['registering the server', { server: GH }, ['allow', 'gh-guard', 'guardrails']],
  [
    'a bare tool name does not reach another server',
    { server: url('https://third.example/mcp'), tool: 'get_issue' },
    ['deny', null],
  ],
  [
    'a rule without tools allows every tool',
    { server: OTHER, tool: 'delete_everything' },
    ['allow', 'other-all'],
  ],
  [
    '…and the tools.deny of another server does not apply',
    { server: OTHER, tool: 'delete_branch' },
    ['allow', 'other-all'],
  ],
  [
    'a deny rule denies the whole server',
    { server: url('https://banned.example/mcp') },
    ['deny', 'banned'],
  ],
  [
    '…and all its tools',
    { server: url('https://banned.example/mcp'), tool: 'get_x' },
    ['deny', 'banned'],
  ],
  ['an unapproved server', { server: url('https://unknown.example/mcp') }, ['deny', null]],
]);

table(
  'tools for a member of a group',
  toolPolicy,
  [
    [
      'a group allow wins over a baseline ask? no: ask comes before allow',
      { server: GH, tool: 'create_issue' },
      ['ask', 'gh-read'],
    ],
    ['a group allows more tools', { server: GH, tool: 'push_files' }, ['allow', 'gh-eng']],
    ['a group tools.deny holds', { server: GH, tool: 'push_force' }, ['deny', 'gh-eng']],
    ['the guardrail still holds', { server: GH, tool: 'delete_repo' }, ['deny', 'gh-guard']],
  ],
  ['eng'],
);

describe('tool patterns use * as a wildcard anywhere', () => {
  const decide = decider({
    baseline: mcp({
      id: 'r',
      action: 'allow',
      server: GH,
      tools: { allow: ['*_issue', 'get*me', 'exact'] },
    }),
  });
  it.each([
    ['create_issue', 'allow'],
    ['issue', 'deny'],
    ['getme', 'allow'],
    ['get_all_of_me', 'allow'],
    ['exactly', 'deny'],
    ['EXACT', 'deny'],
  ])('%s → %s', (tool, decision) => {
    expect(decide({ surface: 'mcp', server: GH, tool }).decision).toBe(decision);
  });
});

describe('a request is read once', () => {
  const decide = decider({
    baseline: mcp({ id: 'exact', action: 'allow', server: command('npx', '-y', 'server-a') }),
  });
  it('a command that changes after it was checked is judged as checked', () => {
    let reads = 0;
    const shifty = new Proxy(['npx', '-y', 'server-a'], {
      get(target, key, receiver) {
        if (key === '2') return reads++ === 0 ? 'server-a' : 'server-b';
        return Reflect.get(target, key, receiver);
      },
    });
    expect(decide({ surface: 'mcp', server: { command: shifty } })).toMatchObject({
      decision: 'allow',
      ruleId: 'exact',
    });
  });
  it('evaluating another request from inside a getter does not disturb the answer', () => {
    const inner = { surface: 'mcp', server: command('other') };
    const request = {
      surface: 'mcp',
      get server() {
        decide(inner);
        return command('npx', '-y', 'server-a');
      },
      get tool() {
        decide(inner);
        return undefined;
      },
    };
    expect(decide(request)).toMatchObject({ decision: 'allow', ruleId: 'exact' });
  });
});

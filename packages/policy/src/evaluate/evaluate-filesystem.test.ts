import { describe, expect, it } from 'vitest';
import { decider, type Expected, project } from '../testing/decide';

// docs/policy-language.md § Filesystem, as tables of [what, request, expected].

type Row = readonly [what: string, request: Record<string, unknown>, expected: Expected];

const roots = { home: '/home/ana', workspace: '/home/ana/src/app' };

function table(name: string, decide: ReturnType<typeof decider>, rows: readonly Row[]) {
  describe(name, () => {
    it.each(rows)('%s', (_what, request, expected) => {
      expect(project(decide({ surface: 'filesystem', ...request }), expected)).toEqual(expected);
    });
  });
}

const rule = (id: string, action: string, access: string, paths: string[]) => ({
  id,
  action,
  access,
  paths,
});
const filesystem = (...rules: object[]) => ({ filesystem: { rules } });

table(
  '* within a segment, ** for zero or more segments',
  decider({
    baseline: filesystem(
      rule('a-tree', 'allow', 'read', ['/a/**']),
      rule('txt', 'allow', 'read', ['/docs/*.txt']),
      rule('mid', 'allow', 'read', ['/repo/**/test/*']),
    ),
  }),
  [
    ['/a/** matches /a itself', { path: '/a', access: 'read' }, ['allow', 'a-tree']],
    ['/a/** matches below /a', { path: '/a/b/c', access: 'read' }, ['allow', 'a-tree']],
    ['/a/** does not match /ab', { path: '/ab', access: 'read' }, ['deny', null]],
    ['/a/** does not match /ab/c', { path: '/ab/c', access: 'read' }, ['deny', null]],
    ['* matches within a segment', { path: '/docs/notes.txt', access: 'read' }, ['allow', 'txt']],
    ['* does not cross a /', { path: '/docs/old/notes.txt', access: 'read' }, ['deny', null]],
    [
      '* needs the rest of the segment to match',
      { path: '/docs/notes.md', access: 'read' },
      ['deny', null],
    ],
    [
      '** in the middle matches zero segments',
      { path: '/repo/test/a.ts', access: 'read' },
      ['allow', 'mid'],
    ],
    [
      '** in the middle matches several segments',
      { path: '/repo/x/y/test/a.ts', access: 'read' },
      ['allow', 'mid'],
    ],
  ],
);

table(
  'dotfiles get no special treatment',
  decider({
    guardrails: filesystem(rule('keys', 'deny', 'read', ['~/.ssh/**'])),
    baseline: filesystem(
      rule('home-top', 'allow', 'write', ['~/*']),
      rule('all-ws', 'allow', 'write', [':workspace/**']),
    ),
  }),
  [
    ['* matches a dotfile', { path: '~/.bashrc', access: 'read', ...roots }, ['allow', 'home-top']],
    [
      '** matches inside a dot directory',
      { path: ':workspace/.git/config', access: 'write', ...roots },
      ['allow', 'all-ws'],
    ],
    [
      'a dot directory can be denied',
      { path: '~/.ssh/id_ed25519', access: 'read', ...roots },
      ['deny', 'keys'],
    ],
  ],
);

table(
  'named roots',
  decider({
    guardrails: filesystem(rule('aws', 'deny', 'read', ['~/.aws/**'])),
    baseline: filesystem(
      rule('ws', 'allow', 'write', [':workspace/**']),
      rule('home-cache', 'allow', 'write', [':home/.cache/**']),
      rule('absolute', 'allow', 'read', ['/home/ana/.aws/config', '/opt/**']),
    ),
  }),
  [
    [
      ':workspace in a request',
      { path: ':workspace/src/a.ts', access: 'write', ...roots },
      ['allow', 'ws'],
    ],
    [
      'an absolute path inside the workspace',
      { path: '/home/ana/src/app/src/a.ts', access: 'write', ...roots },
      ['allow', 'ws'],
    ],
    ['~ in a request', { path: '~/.cache/x', access: 'write', ...roots }, ['allow', 'home-cache']],
    [
      ':home in a request',
      { path: ':home/.cache/x', access: 'write', ...roots },
      ['allow', 'home-cache'],
    ],
    [
      'a ~ rule matches the absolute spelling',
      { path: '/home/ana/.aws/config', access: 'read', ...roots },
      ['deny', 'aws'],
    ],
    [
      'a rule on a root the request did not supply does not match',
      { path: '/home/ana/.aws/config', access: 'read' },
      ['allow', 'absolute'],
    ],
    [
      'a request path on a root it did not supply is invalid',
      { path: '~/.cache/x', access: 'write' },
      'invalid',
    ],
    [
      '…the workspace root too',
      { path: ':workspace/a', access: 'write', home: '/home/ana' },
      'invalid',
    ],
    [
      'the workspace root itself',
      { path: ':workspace', access: 'read', ...roots },
      ['allow', 'ws'],
    ],
  ],
);

table(
  'lexical normalisation',
  decider({
    guardrails: filesystem(rule('etc', 'deny', 'read', ['/etc/**'])),
    baseline: filesystem(
      rule('ws', 'allow', 'write', [':workspace/**']),
      rule('opt', 'allow', 'read', ['/opt/tool']),
    ),
  }),
  [
    ['. segments', { path: '/opt/./tool', access: 'read' }, ['allow', 'opt']],
    ['.. segments', { path: '/opt/x/../tool', access: 'read' }, ['allow', 'opt']],
    ['repeated /', { path: '//opt///tool', access: 'read' }, ['allow', 'opt']],
    ['a trailing /', { path: '/opt/tool/', access: 'read' }, ['allow', 'opt']],
    [
      '.. escaping the workspace root',
      { path: ':workspace/../../../../etc/passwd', access: 'read', ...roots },
      ['deny', 'etc'],
    ],
    [
      '.. escaping the workspace to a sibling',
      { path: ':workspace/../other/x', access: 'write', ...roots },
      ['deny', null],
    ],
    ['.. above / stays at /', { path: '/../../etc/shadow', access: 'read' }, ['deny', 'etc']],
    [
      'the workspace root is normalised too',
      { path: ':workspace/a', access: 'write', workspace: '/home/ana/src/app/./' },
      ['allow', 'ws'],
    ],
  ],
);

table(
  'access: write implies read; a read deny blocks write; a write deny leaves read alone',
  decider({
    guardrails: filesystem(
      rule('no-read-secrets', 'deny', 'read', ['/srv/secrets/**']),
      rule('no-write-config', 'deny', 'write', ['/srv/config/**']),
    ),
    baseline: filesystem(
      rule('srv-write', 'allow', 'write', ['/srv/**']),
      rule('docs-read', 'allow', 'read', ['/docs/**']),
    ),
  }),
  [
    [
      'an allow for write allows write',
      { path: '/srv/app/x', access: 'write' },
      ['allow', 'srv-write'],
    ],
    [
      'an allow for write allows read',
      { path: '/srv/app/x', access: 'read' },
      ['allow', 'srv-write'],
    ],
    [
      'an allow for read allows read',
      { path: '/docs/a.md', access: 'read' },
      ['allow', 'docs-read'],
    ],
    [
      'an allow for read does not allow write',
      { path: '/docs/a.md', access: 'write' },
      ['deny', null],
    ],
    [
      'a deny for read denies read',
      { path: '/srv/secrets/k', access: 'read' },
      ['deny', 'no-read-secrets'],
    ],
    [
      'a deny for read denies write',
      { path: '/srv/secrets/k', access: 'write' },
      ['deny', 'no-read-secrets'],
    ],
    [
      'a deny for write denies write',
      { path: '/srv/config/app.yaml', access: 'write' },
      ['deny', 'no-write-config'],
    ],
    [
      'a deny for write leaves read alone',
      { path: '/srv/config/app.yaml', access: 'read' },
      ['allow', 'srv-write'],
    ],
  ],
);

table(
  'invalid requests are denied with a reason',
  decider({ baseline: filesystem(rule('all', 'allow', 'write', ['/**'])) }),
  [
    ['a valid one, for contrast', { path: '/x', access: 'read' }, ['allow', 'all']],
    ['a relative path', { path: 'src/a.ts', access: 'read' }, 'invalid'],
    ['a dot-relative path', { path: './a', access: 'read' }, 'invalid'],
    ['a NUL in the path', { path: '/x\u0000y', access: 'read' }, 'invalid'],
    ['~user', { path: '~root/.ssh', access: 'read', home: '/home/ana' }, 'invalid'],
    ['no environment-variable expansion', { path: '$HOME/.ssh', access: 'read' }, 'invalid'],
    ['an unknown access', { path: '/x', access: 'execute' }, 'invalid'],
    ['a missing access', { path: '/x' }, 'invalid'],
    ['a relative home', { path: '/x', access: 'read', home: 'home/ana' }, 'invalid'],
    ['an unknown field', { path: '/x', access: 'read', symlink: false }, 'invalid'],
  ],
);

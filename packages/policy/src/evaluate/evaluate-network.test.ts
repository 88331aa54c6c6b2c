import { describe, expect, it } from 'vitest';
import { decider, type Expected, project } from '../testing/decide';

// docs/policy-language.md § Network, one table per paragraph. Every row states a request and
// what the spec says about it; pitfalls the spec names have rows that would fail under the wrong
// reading.

type Row = readonly [what: string, request: Record<string, unknown>, expected: Expected];

function table(name: string, decide: ReturnType<typeof decider>, rows: readonly Row[]) {
  describe(name, () => {
    it.each(rows)('%s', (_what, request, expected) => {
      expect(project(decide({ surface: 'network', ...request }), expected)).toEqual(expected);
    });
  });
}

const allow = (id: string, fields: Record<string, unknown>) => ({ id, action: 'allow', ...fields });
const deny = (id: string, fields: Record<string, unknown>) => ({ id, action: 'deny', ...fields });
const network = (...rules: object[]) => ({ network: { rules } });

table(
  'host patterns: exact, one label, many labels',
  decider({
    baseline: network(
      allow('apex', { hosts: ['example.com'] }),
      allow('one', { hosts: ['*.one.test'] }),
      allow('many', { hosts: ['**.many.test'] }),
      allow('both', { hosts: ['both.test', '**.both.test'] }),
    ),
  }),
  [
    ['example.com matches only example.com', { host: 'example.com' }, ['allow', 'apex']],
    ['…not www.example.com', { host: 'www.example.com' }, ['deny', null]],
    ['…not an attacker prefix', { host: 'evilexample.com' }, ['deny', null]],
    ['*.one.test matches one more label', { host: 'a.one.test' }, ['allow', 'one']],
    ['*.one.test does not match two more labels', { host: 'a.b.one.test' }, ['deny', null]],
    ['*.one.test does not match the apex', { host: 'one.test' }, ['deny', null]],
    ['**.many.test matches one more label', { host: 'a.many.test' }, ['allow', 'many']],
    ['**.many.test matches many more labels', { host: 'a.b.c.many.test' }, ['allow', 'many']],
    ['**.many.test does not match the apex', { host: 'many.test' }, ['deny', null]],
    ['listing both includes the apex', { host: 'both.test' }, ['allow', 'both']],
    ['listing both includes subdomains', { host: 'x.y.both.test' }, ['allow', 'both']],
  ],
);

table(
  'wide patterns are for deny rules: *.com, a bare *',
  decider({
    guardrails: network(
      deny('no-zip', { hosts: ['*.zip'] }),
      deny('no-com-children', { hosts: ['*.com'] }),
    ),
    baseline: network(allow('all-example', { hosts: ['**.example.com', 'a.b.com'] })),
  }),
  [
    ['*.zip in a deny denies a one-label-below name', { host: 'evil.zip' }, ['deny', 'no-zip']],
    ['*.com in a deny denies example.com', { host: 'example.com' }, ['deny', 'no-com-children']],
    ['*.com does not reach two labels below', { host: 'a.b.com' }, ['allow', 'all-example']],
  ],
);

table(
  'a bare * in a deny matches every host',
  decider({
    guardrails: network(
      deny('everything', { hosts: ['*'], except: ['ok.example.com', '192.0.2.0/24'] }),
    ),
    baseline: network(
      allow('ok', {
        hosts: ['ok.example.com', 'other.example.com'],
        cidrs: ['192.0.2.0/24', '198.51.100.0/24'],
      }),
    ),
  }),
  [
    ['a name', { host: 'other.example.com' }, ['deny', 'everything']],
    ['an IP literal', { host: '198.51.100.1' }, ['deny', 'everything']],
    ['a request with only an ip', { ip: '198.51.100.1' }, ['deny', 'everything']],
    ['loopback', { host: 'localhost' }, ['deny', 'everything']],
    ['its except by name lets the allow through', { host: 'ok.example.com' }, ['allow', 'ok']],
    ['its except by address lets the allow through', { host: '192.0.2.9' }, ['allow', 'ok']],
  ],
);

table(
  'normalisation: case, trailing dot, IDN, numeric IPv4, IPv6',
  decider({
    baseline: network(
      allow('github', { hosts: ['GitHub.com.'] }),
      allow('idn', { hosts: ['bücher.example'] }),
      allow('puny', { hosts: ['xn--mnchen-3ya.example'] }),
      allow('v4', { hosts: ['127.0.0.2', '10.1.2.3'] }),
      allow('v6', { hosts: ['[2001:db8::1]'] }),
      allow('fullwidth', { hosts: ['ｆｕｌｌ.example'] }),
    ),
  }),
  [
    ['mixed case', { host: 'gItHuB.CoM' }, ['allow', 'github']],
    ['a trailing dot', { host: 'github.com.' }, ['allow', 'github']],
    ['two trailing dots are not a host', { host: 'github.com..' }, 'invalid'],
    ['unicode request, unicode pattern', { host: 'BÜCHER.example' }, ['allow', 'idn']],
    ['punycode request, unicode pattern', { host: 'xn--bcher-kva.example' }, ['allow', 'idn']],
    ['unicode request, punycode pattern', { host: 'münchen.example' }, ['allow', 'puny']],
    ['fullwidth letters map to ASCII', { host: 'full.example' }, ['allow', 'fullwidth']],
    ['127.2 is not a name but 127.0.0.2', { host: '127.2' }, ['allow', 'v4']],
    ['0x7f000002 is 127.0.0.2', { host: '0x7f000002' }, ['allow', 'v4']],
    ['an octal form', { host: '012.1.2.3' }, ['allow', 'v4']],
    ['IPv6 bracketed', { host: '[2001:db8::1]' }, ['allow', 'v6']],
    ['IPv6 unbracketed and uncompressed', { host: '2001:0db8:0:0:0:0:0:1' }, ['allow', 'v6']],
    ['IPv4-mapped IPv6 is the IPv4 address', { host: '::ffff:10.1.2.3' }, ['allow', 'v4']],
    ['IPv4-mapped IPv6 in hex', { host: '[::ffff:a01:203]' }, ['allow', 'v4']],
  ],
);

table(
  'loopback aliases',
  decider({
    baseline: network(
      allow('lo-name', { hosts: ['localhost'], ports: [3000] }),
      allow('lo-v4', { hosts: ['127.0.0.1'], ports: [4000] }),
      allow('lo-v6', { hosts: ['::1'], ports: [5000] }),
      allow('lo-other', { hosts: ['127.0.0.2'], ports: [6000] }),
    ),
  }),
  [
    ['localhost matches localhost', { host: 'localhost', port: 3000 }, ['allow', 'lo-name']],
    ['localhost matches 127.0.0.1', { host: '127.0.0.1', port: 3000 }, ['allow', 'lo-name']],
    [
      'localhost matches any 127/8 address',
      { host: '127.9.9.9', port: 3000 },
      ['allow', 'lo-name'],
    ],
    ['localhost matches ::1', { host: '[::1]', port: 3000 }, ['allow', 'lo-name']],
    ['localhost matches LOCALHOST.', { host: 'LOCALHOST.', port: 3000 }, ['allow', 'lo-name']],
    ['127.0.0.1 matches localhost', { host: 'localhost', port: 4000 }, ['allow', 'lo-v4']],
    ['::1 matches 127.0.0.1', { host: '127.0.0.1', port: 5000 }, ['allow', 'lo-v6']],
    ['127.0.0.2 is that address only', { host: '127.0.0.2', port: 6000 }, ['allow', 'lo-other']],
    ['127.0.0.2 is not an alias', { host: 'localhost', port: 6000 }, ['deny', null]],
    [
      'an allow by hosts does not match a name resolving to loopback',
      { host: 'dev.test', ip: '127.0.0.1', port: 3000 },
      ['deny', null],
    ],
  ],
);

table(
  'loopback and CIDRs: localhost stands for 127.0.0.1 and ::1',
  decider({
    guardrails: network(deny('no-v6-loopback', { cidrs: ['::1/128'], ports: [9000] })),
    baseline: network(
      allow('v4-only', { cidrs: ['127.0.0.0/8'], ports: [8000, 9000] }),
      allow('both', { cidrs: ['127.0.0.0/8', '::1/128'], ports: [8100] }),
    ),
  }),
  [
    [
      'a deny on ::1 denies localhost',
      { host: 'localhost', port: 9000 },
      ['deny', 'no-v6-loopback'],
    ],
    [
      'an allow covering only 127/8 does not allow localhost (it may use ::1)',
      { host: 'localhost', port: 8000 },
      ['deny', null],
    ],
    [
      'an allow covering both allows localhost',
      { host: 'localhost', port: 8100 },
      ['allow', 'both'],
    ],
    ['127/8 allows 127.0.0.1 itself', { host: '127.0.0.1', port: 8000 }, ['allow', 'v4-only']],
    [
      'a deny on loopback catches 0.0.0.0',
      { host: '0.0.0.0', port: 9000 },
      ['deny', 'no-v6-loopback'],
    ],
  ],
);

table(
  'DNS rebinding: a deny matches the host or the resolved ip',
  decider({
    guardrails: network(
      deny('metadata', { cidrs: ['169.254.169.254/32', 'fd00:ec2::254/128'] }),
      deny('no-loopback', { hosts: ['localhost'], ports: [22] }),
      deny('literal', { hosts: ['192.0.2.66'] }),
    ),
    baseline: network(
      allow('github', { hosts: ['**.github.com'] }),
      allow('net', { cidrs: ['140.82.0.0/16'] }),
    ),
  }),
  [
    ['an allowed name alone', { host: 'api.github.com' }, ['allow', 'github']],
    [
      'an allowed name resolving into a denied range',
      { host: 'api.github.com', ip: '169.254.169.254' },
      ['deny', 'metadata'],
    ],
    [
      '…an IPv6 denied address',
      { host: 'api.github.com', ip: 'fd00:ec2::254' },
      ['deny', 'metadata'],
    ],
    [
      '…an IPv4-mapped denied address',
      { host: 'api.github.com', ip: '::ffff:169.254.169.254' },
      ['deny', 'metadata'],
    ],
    [
      '…a loopback address against a localhost deny',
      { host: 'api.github.com', ip: '127.0.0.1', port: 22 },
      ['deny', 'no-loopback'],
    ],
    [
      "…an address written in a deny rule's hosts",
      { host: 'api.github.com', ip: '192.0.2.66' },
      ['deny', 'literal'],
    ],
    [
      'an allow by cidrs matches the resolved ip',
      { host: 'example.org', ip: '140.82.1.1' },
      ['allow', 'net'],
    ],
    ['an allow by cidrs does not match a name alone', { host: 'example.org' }, ['deny', null]],
    ['an allow by cidrs matches an IP literal host', { host: '140.82.3.4' }, ['allow', 'net']],
    ['a request with only ip is matched by cidrs', { ip: '140.82.3.4' }, ['allow', 'net']],
  ],
);

table(
  "an IP literal in an allow rule's hosts means that address, as the host",
  decider({ baseline: network(allow('literal', { hosts: ['198.51.100.7'] })) }),
  [
    ['the literal as host', { host: '198.51.100.7' }, ['allow', 'literal']],
    [
      'a name resolving to it (allows by hosts match on the name)',
      { host: 'x.test', ip: '198.51.100.7' },
      ['deny', null],
    ],
    ['only an ip (there is no name)', { ip: '198.51.100.7' }, ['deny', null]],
  ],
);

table(
  'ports and ranges',
  decider({
    guardrails: network(deny('no-smtp', { hosts: ['**.mail.test'], ports: [25, '465-587'] })),
    baseline: network(
      allow('web', { hosts: ['app.test', 'x.mail.test'], ports: [443, '8000-8999'] }),
      allow('any-port', { hosts: ['anyport.test'] }),
    ),
  }),
  [
    ['a listed port', { host: 'app.test', port: 443 }, ['allow', 'web']],
    ['an unlisted port', { host: 'app.test', port: 80 }, ['deny', null]],
    ['the low end of a range', { host: 'app.test', port: 8000 }, ['allow', 'web']],
    ['the high end of a range', { host: 'app.test', port: 8999 }, ['allow', 'web']],
    ['just below a range', { host: 'app.test', port: 7999 }, ['deny', null]],
    ['just above a range', { host: 'app.test', port: 9000 }, ['deny', null]],
    ['no port: an allow with ports does not match', { host: 'app.test' }, ['deny', null]],
    ['no port: an allow without ports matches', { host: 'anyport.test' }, ['allow', 'any-port']],
    [
      'no port: a deny with ports still matches (fail closed)',
      { host: 'x.mail.test' },
      ['deny', 'no-smtp'],
    ],
    ['a deny range', { host: 'x.mail.test', port: 500 }, ['deny', 'no-smtp']],
    [
      'outside the deny ports the allow applies',
      { host: 'x.mail.test', port: 443 },
      ['allow', 'web'],
    ],
  ],
);

table(
  'except narrows its own deny rule only',
  decider({
    guardrails: network(
      deny('corp', { hosts: ['**.corp.example'], except: ['jira.corp.example', '10.9.0.0/16'] }),
      deny('secret', { hosts: ['vault.corp.example', 'jira.corp.example'], ports: [8200] }),
    ),
    baseline: network(allow('corp-all', { hosts: ['**.corp.example'] })),
  }),
  [
    ['excepted by name', { host: 'jira.corp.example', port: 443 }, ['allow', 'corp-all']],
    [
      'excepted by resolved address',
      { host: 'git.corp.example', ip: '10.9.1.1' },
      ['allow', 'corp-all'],
    ],
    ['not excepted', { host: 'wiki.corp.example', ip: '10.8.1.1' }, ['deny', 'corp']],
    [
      'another guardrail still denies an excepted name',
      { host: 'jira.corp.example', port: 8200 },
      ['deny', 'secret'],
    ],
  ],
);

describe('except narrows its own deny rule only, for a member of the group', () => {
  const decide = decider({
    guardrails: network(
      deny('corp', { hosts: ['**.corp.example'], except: ['jira.corp.example'] }),
    ),
    baseline: network(allow('corp-all', { hosts: ['**.corp.example'] })),
    groups: {
      eng: network(
        deny('eng-jira', { hosts: ['**.corp.example'], except: ['vault.corp.example'] }),
      ),
    },
  });
  it('a group except does not lift the guardrail', () => {
    expect(decide({ surface: 'network', host: 'vault.corp.example' }, ['eng'])).toMatchObject({
      decision: 'deny',
      ruleId: 'corp',
    });
  });
  it('the guardrail except does not lift the group deny', () => {
    expect(decide({ surface: 'network', host: 'jira.corp.example' }, ['eng'])).toMatchObject({
      decision: 'deny',
      ruleId: 'eng-jira',
    });
  });
});

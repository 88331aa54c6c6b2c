import { describe, expect, it } from 'vitest';
import { decider, type Expected, project } from '../testing/decide';

// docs/policy-language.md § Credentials, as tables of [what, request, expected].

type Row = readonly [what: string, request: Record<string, unknown>, expected: Expected];

const decide = decider({
  guardrails: {
    credentials: {
      rules: [
        { id: 'prod-never', action: 'deny', credential: 'prod-db' },
        {
          id: 'npm-not-mirrors',
          action: 'deny',
          credential: 'npm-token',
          destinations: ['**.mirror.example'],
        },
      ],
    },
  },
  baseline: {
    credentials: {
      rules: [
        {
          id: 'gh',
          action: 'allow',
          credential: 'github-token',
          destinations: ['api.github.com', '*.githubusercontent.com'],
        },
        { id: 'prod', action: 'allow', credential: 'prod-db', destinations: ['db.example.com'] },
        {
          id: 'npm',
          action: 'allow',
          credential: 'npm-token',
          destinations: ['registry.npmjs.org', '**.mirror.example'],
          ttl: '30m',
        },
        {
          id: 'lan',
          action: 'allow',
          credential: 'lan-key',
          destinations: ['192.0.2.10', 'localhost'],
        },
      ],
    },
  },
  groups: {
    eng: {
      credentials: {
        rules: [
          {
            id: 'gh-eng',
            action: 'allow',
            credential: 'github-token',
            destinations: ['github.com'],
          },
        ],
      },
    },
  },
});

const rows: readonly Row[] = [
  [
    'allowed toward a named destination',
    { credential: 'github-token', destination: 'api.github.com' },
    ['allow', 'gh'],
  ],
  [
    'destinations are normalised like hosts',
    { credential: 'github-token', destination: 'API.GitHub.com.' },
    ['allow', 'gh'],
  ],
  [
    'never toward a destination its rules do not name',
    { credential: 'github-token', destination: 'evil.example' },
    ['deny', null],
  ],
  [
    '*. means exactly one more label',
    { credential: 'github-token', destination: 'raw.githubusercontent.com' },
    ['allow', 'gh'],
  ],
  [
    '…not two',
    { credential: 'github-token', destination: 'a.raw.githubusercontent.com' },
    ['deny', null],
  ],
  [
    '…not the apex',
    { credential: 'github-token', destination: 'githubusercontent.com' },
    ['deny', null],
  ],
  [
    "a destination from another layer's rule needs that layer",
    { credential: 'github-token', destination: 'github.com' },
    ['deny', null],
  ],
  [
    'allowed without a destination (a lease for the session)',
    { credential: 'github-token' },
    ['allow', 'gh'],
  ],
  ['an unknown credential', { credential: 'nobody-knows' }, ['deny', null]],
  [
    'a deny without destinations denies everywhere',
    { credential: 'prod-db', destination: 'db.example.com' },
    ['deny', 'prod-never'],
  ],
  ['…and without a destination', { credential: 'prod-db' }, ['deny', 'prod-never']],
  [
    'a deny with destinations denies those',
    { credential: 'npm-token', destination: 'eu.mirror.example' },
    ['deny', 'npm-not-mirrors'],
  ],
  [
    '…and a request naming no destination (fail closed)',
    { credential: 'npm-token' },
    ['deny', 'npm-not-mirrors'],
  ],
  [
    '…but not other destinations',
    { credential: 'npm-token', destination: 'registry.npmjs.org' },
    ['allow', 'npm'],
  ],
  [
    'an IP destination matches an IP pattern',
    { credential: 'lan-key', destination: '192.0.2.10' },
    ['allow', 'lan'],
  ],
  [
    'loopback aliases apply to destinations',
    { credential: 'lan-key', destination: '127.0.0.1' },
    ['allow', 'lan'],
  ],
  [
    'a name is not its address',
    { credential: 'lan-key', destination: 'lan.example' },
    ['deny', null],
  ],
  [
    'credential names are exact',
    { credential: 'GitHub-Token', destination: 'api.github.com' },
    ['deny', null],
  ],
  ['an empty credential', { credential: '' }, 'invalid'],
  ['a missing credential', {}, 'invalid'],
  [
    'an invalid destination',
    { credential: 'github-token', destination: 'https://api.github.com/' },
    'invalid',
  ],
  [
    'a destination with a port',
    { credential: 'github-token', destination: 'api.github.com:443' },
    'invalid',
  ],
  ['an unknown field', { credential: 'github-token', ttl: '24h' }, 'invalid'],
];

describe('credentials', () => {
  it.each(rows)('%s', (_what, request, expected) => {
    expect(project(decide({ surface: 'credential', ...request }), expected)).toEqual(expected);
  });

  it('a group adds destinations for its members', () => {
    expect(
      decide({ surface: 'credential', credential: 'github-token', destination: 'github.com' }, [
        'eng',
      ]),
    ).toMatchObject({
      decision: 'allow',
      ruleId: 'gh-eng',
      layer: 'group:eng',
    });
  });
});

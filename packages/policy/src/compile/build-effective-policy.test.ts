import { describe, expect, it } from 'vitest';
import { compilePolicy } from './compile-policy';

// docs/policy-language.md § Compiled form and speed: toJSON() is the effective policy with each
// rule's provenance.

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

describe('toJSON: the effective policy with provenance', () => {
  const sources = {
    guardrails: net(
      deny('meta', [], { hosts: undefined, cidrs: ['169.254.169.254', '::ffff:10.0.0.0/104'] }),
    ),
    baseline: {
      ...net(
        allow('gh', ['GitHub.com.', '**.github.com', 'bücher.example', '127.0.0.1'], {
          ports: [443, '8000-8999', '22'],
        }),
      ),
      filesystem: {
        rules: [
          {
            id: 'ws',
            action: 'allow',
            access: 'write',
            paths: [':workspace//src/./**', '~/x', ':home/y'],
          },
        ],
      },
      credentials: {
        rules: [
          {
            id: 'tok',
            action: 'allow',
            credential: 'gh',
            destinations: ['API.github.com'],
            ttl: '1h30m',
          },
        ],
      },
      mcp: {
        rules: [
          {
            id: 'm',
            action: 'allow',
            server: { url: 'HTTPS://Api.Example.com:443/mcp/' },
            tools: { allow: ['get_*'] },
          },
          { id: 'c', action: 'deny', server: { command: ['npx', 'x', '**'] } },
        ],
      },
    },
    groups: { b: net(allow('b', ['b.test'])), a: net(allow('a', ['a.test'])) },
  };
  const effective = compilePolicy(sources).toJSON();

  it('lists every rule in evaluation order with its layer and id, normalised', () => {
    expect(effective).toEqual({
      format: 'parapet.effective-policy/v1',
      defaultMode: 'enforce',
      layers: [
        { layer: 'guardrails', mode: 'enforce' },
        { layer: 'baseline', mode: 'enforce' },
        { layer: 'group:a', mode: 'enforce' },
        { layer: 'group:b', mode: 'enforce' },
      ],
      network: [
        {
          layer: 'guardrails',
          id: 'meta',
          action: 'deny',
          mode: 'enforce',
          cidrs: ['169.254.169.254/32', '10.0.0.0/8'],
        },
        {
          layer: 'baseline',
          id: 'gh',
          action: 'allow',
          mode: 'enforce',
          hosts: ['github.com', '**.github.com', 'xn--bcher-kva.example', 'localhost'],
          ports: [443, '8000-8999', 22],
        },
        { layer: 'group:a', id: 'a', action: 'allow', mode: 'enforce', hosts: ['a.test'] },
        { layer: 'group:b', id: 'b', action: 'allow', mode: 'enforce', hosts: ['b.test'] },
      ],
      filesystem: [
        {
          layer: 'baseline',
          id: 'ws',
          action: 'allow',
          mode: 'enforce',
          access: 'write',
          paths: [':workspace/src/**', '~/x', '~/y'],
        },
      ],
      credentials: [
        {
          layer: 'baseline',
          id: 'tok',
          action: 'allow',
          mode: 'enforce',
          credential: 'gh',
          destinations: ['api.github.com'],
          ttlSeconds: 5400,
        },
      ],
      mcp: [
        {
          layer: 'baseline',
          id: 'm',
          action: 'allow',
          mode: 'enforce',
          server: { url: 'https://api.example.com:443/mcp' },
          tools: { allow: ['get_*'] },
        },
        {
          layer: 'baseline',
          id: 'c',
          action: 'deny',
          mode: 'enforce',
          server: { command: ['npx', 'x', '**'] },
        },
      ],
    });
  });

  it('is plain JSON and deterministic', () => {
    const text = JSON.stringify(effective);
    expect(JSON.parse(text)).toEqual(effective);
    expect(JSON.stringify(compilePolicy(sources).toJSON())).toBe(text);
    expect(
      JSON.stringify(
        compilePolicy({
          ...sources,
          groups: { a: sources.groups.a, b: sources.groups.b },
        }).toJSON(),
      ),
    ).toBe(text);
  });
});

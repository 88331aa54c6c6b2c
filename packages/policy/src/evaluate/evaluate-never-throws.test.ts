import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compilePolicy } from '../compile/compile-policy';
import { policyRequestSchema } from '../schema/request-schema';
import { pick, sourcesOf } from '../testing/policy-arbitraries';

// Property-based: whatever arrives, evaluate answers with a decision, and the hand-written
// request validation on the hot path accepts exactly what the zod request schema accepts.

describe('evaluate never throws', () => {
  const policy = compilePolicy(
    sourcesOf([['baseline', { surface: 'network', action: 'allow', hosts: ['a.test'] }]]),
  );
  const decisionShape = {
    decision: expect.stringMatching(/^(allow|deny|ask)$/),
    layer: expect.any(String),
    mode: expect.stringMatching(/^(enforce|audit)$/),
  };

  it('on arbitrary values', () => {
    fc.assert(
      fc.property(
        fc.anything({
          withBigInt: true,
          withMap: true,
          withSet: true,
          withTypedArray: true,
          withNullPrototype: true,
        }),
        fc.anything(),
        (request, groups) => {
          expect(policy.evaluate(request)).toMatchObject(decisionShape);
          expect(policy.evaluate(request, { groups } as never)).toMatchObject(decisionShape);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('on request-shaped values with arbitrary fields', () => {
    const field = fc.oneof(
      fc.anything(),
      fc.string(),
      pick(['a.test', '10.0.0.1', '/a/b', 'read', 'write', 'https://s1.test/mcp']),
    );
    const request = fc.record(
      {
        surface: fc.oneof(pick(['network', 'filesystem', 'credential', 'mcp']), fc.anything()),
        host: field,
        ip: field,
        port: fc.oneof(fc.integer(), fc.double(), field),
        path: field,
        access: field,
        home: field,
        workspace: field,
        credential: field,
        destination: field,
        server: fc.oneof(
          fc.record(
            { url: field, command: fc.oneof(fc.array(fc.string()), field) },
            { requiredKeys: [] },
          ),
          field,
        ),
        tool: field,
      },
      { requiredKeys: ['surface'] },
    );
    fc.assert(
      fc.property(request, (value) => {
        expect(policy.evaluate(value)).toMatchObject(decisionShape);
      }),
      { numRuns: 5000 },
    );
  });
});

describe('hand-written request validation agrees with the zod request schema', () => {
  const policy = compilePolicy();
  const text = fc.oneof(
    fc.string({ maxLength: 8 }),
    pick([
      'a.test',
      'A.Test.',
      '10.0.0.1',
      '[::1]',
      '::ffff:1.2.3.4',
      'a..b',
      '/a/../b',
      '~/x',
      ':workspace/y',
      'rel',
      'https://s1.test/mcp',
      'https://u@s1.test/',
      'read',
      'write',
      '',
    ]),
  );
  const value = fc.oneof(
    text,
    fc.integer({ min: -2, max: 70_000 }),
    fc.constant(1.5),
    fc.constant(null),
    fc.boolean(),
    fc.array(text, { maxLength: 3 }),
  );
  const request = fc.record(
    {
      surface: pick(['network', 'filesystem', 'credential', 'mcp']),
      host: value,
      ip: value,
      port: value,
      path: value,
      access: value,
      home: value,
      workspace: value,
      credential: value,
      destination: value,
      tool: value,
      server: fc.oneof(
        value,
        fc.record({ url: value, command: value, name: value }, { requiredKeys: [] }),
      ),
      extra: value,
    },
    { requiredKeys: ['surface'] },
  );

  it('accepts exactly what the schema accepts', () => {
    fc.assert(
      fc.property(request, (value) => {
        const schemaAccepts = policyRequestSchema.safeParse(value).success;
        const engineAccepts = policy.evaluate(value).reason === undefined;
        expect({ value, engineAccepts }).toEqual({ value, engineAccepts: schemaAccepts });
      }),
      { numRuns: 20_000 },
    );
  });
});

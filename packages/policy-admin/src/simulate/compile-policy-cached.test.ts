import { AppError } from '@parapet/errors';
import { beforeEach, describe, expect, it } from 'vitest';
import { clearCompiledPolicies, compilePolicyCached } from './compile-policy-cached';

const baseline =
  'network:\n  rules:\n    - id: github\n      action: allow\n      hosts: [github.com]\n';

describe('compilePolicyCached', () => {
  beforeEach(clearCompiledPolicies);

  it('compiles the same sources of one organization once', () => {
    const first = compilePolicyCached({ orgId: 'a', sources: { baseline }, label: 'The draft' });
    expect(compilePolicyCached({ orgId: 'a', sources: { baseline }, label: 'The draft' })).toBe(
      first,
    );
    expect(compilePolicyCached({ orgId: 'b', sources: { baseline }, label: 'The draft' })).not.toBe(
      first,
    );
    const changed = compilePolicyCached({
      orgId: 'a',
      sources: { baseline: `${baseline}# a comment\n` },
      label: 'The draft',
    });
    expect(changed).not.toBe(first);
  });

  it('tells groups apart from the baseline with the same text', () => {
    const asGroup = compilePolicyCached({
      orgId: 'a',
      sources: { groups: { x: baseline } },
      label: 'The draft',
    });
    const asBaseline = compilePolicyCached({
      orgId: 'a',
      sources: { baseline },
      label: 'The draft',
    });
    expect(asGroup).not.toBe(asBaseline);
    expect(asGroup.toJSON().network.map((rule) => rule.layer)).toEqual(['group:x']);
    expect(asBaseline.toJSON().network.map((rule) => rule.layer)).toEqual(['baseline']);
  });

  it('keeps a bounded number of policies, dropping the least recently used', () => {
    const compile = (orgId: string) =>
      compilePolicyCached({ orgId, sources: { baseline }, label: 'The draft' });
    const kept = compile('kept');
    for (const orgId of ['b', 'c', 'd']) compile(orgId);
    expect(compile('kept')).toBe(kept);
    const dropped = compile('b');
    for (const orgId of ['e', 'f', 'g', 'h']) compile(orgId);
    expect(compile('b')).not.toBe(dropped);
  });

  it('refuses a policy that does not compile with every issue, each time', () => {
    for (let attempt = 0; attempt < 2; attempt += 1) {
      let error: unknown;
      try {
        compilePolicyCached({
          orgId: 'a',
          sources: { baseline: 'network: 3' },
          label: 'Version 4',
        });
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('POLICY_INVALID');
      expect((error as AppError).message).toMatch(/^Version 4 has 1 problem; fix it to simulate/);
      expect((error as AppError).issues).toHaveLength(1);
    }
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compilePolicy } from '../compile/compile-policy';
import type { PolicySources } from '../compile/read-policy-layers';
import {
  GROUP_SETS,
  HOSTS,
  pick,
  placedRule,
  REQUESTS,
  sourcesOf,
} from '../testing/policy-arbitraries';

// Property-based, over small random policies whose rules overlap often: host spelling does not
// change a decision, and adding a rule only ever moves decisions in its own direction.

describe('decisions are unchanged by host case and a trailing dot', () => {
  it('for every host of the universe, under random policies', () => {
    const flip = (host: string) =>
      [...host].map((char, index) => (index % 2 === 0 ? char.toUpperCase() : char)).join('');
    fc.assert(
      fc.property(
        fc.array(fc.oneof(placedRule('allow'), placedRule('deny')), { maxLength: 8 }),
        pick(GROUP_SETS),
        (placed, groups) => {
          const policy = compilePolicy(sourcesOf(placed));
          for (const host of HOSTS) {
            if (host.includes(':')) continue;
            for (const port of [undefined, 443]) {
              const decide = (name: string) =>
                policy.evaluate(
                  { surface: 'network', host: name, ...(port ? { port } : {}) },
                  { groups },
                );
              const base = decide(host);
              expect(decide(flip(host))).toEqual(base);
              expect(decide(`${host}.`)).toEqual(base);
              expect(decide(`${flip(host)}.`)).toEqual(base);
            }
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('monotonicity', () => {
  function everyDecision(sources: PolicySources) {
    const policy = compilePolicy(sources);
    return GROUP_SETS.flatMap((groups) =>
      REQUESTS.map((request) => ({
        request,
        groups,
        decision: policy.evaluate(request, { groups }).decision,
      })),
    );
  }

  it('adding a deny rule never turns a deny into an allow (or an ask)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(placedRule('allow'), placedRule('deny')), { maxLength: 10 }),
        placedRule('deny'),
        fc.nat(),
        (placed, added, at) => {
          const before = everyDecision(sourcesOf(placed));
          const withDeny = [...placed];
          withDeny.splice(at % (placed.length + 1), 0, added);
          const after = everyDecision(sourcesOf(withDeny));
          before.forEach((row, index) => {
            if (row.decision === 'deny')
              expect({ ...row, decision: after[index]?.decision }).toEqual(row);
          });
        },
      ),
      { numRuns: 150 },
    );
  });

  // An allow rule carrying tools.deny is, for those tools, a deny: that is how
  // docs/policy-language.md § MCP denies single tools. The allow rules generated here carry only
  // `allow` and `ask` lists.
  it('adding an allow rule never turns an allow into a deny', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(placedRule('allow'), placedRule('deny')), { maxLength: 10 }),
        placedRule('allow'),
        fc.nat(),
        (placed, added, at) => {
          const before = everyDecision(sourcesOf(placed));
          const withAllow = [...placed];
          withAllow.splice(at % (placed.length + 1), 0, added);
          const after = everyDecision(sourcesOf(withAllow));
          before.forEach((row, index) => {
            if (row.decision === 'allow') expect(after[index]?.decision).not.toBe('deny');
          });
        },
      ),
      { numRuns: 150 },
    );
  });
});

import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compilePolicy } from '../src/index';

// The acme example is documentation people copy: it must compile and all its tests must pass.

const root = join(dirname(fileURLToPath(import.meta.url)), 'acme');
const read = (name: string) => readFileSync(join(root, name), 'utf8');
const groups = Object.fromEntries(
  readdirSync(join(root, 'groups')).map((file) => [
    file.replace(/\.yaml$/, ''),
    read(join('groups', file)),
  ]),
);
const policy = compilePolicy({
  guardrails: read('guardrails.yaml'),
  baseline: read('baseline.yaml'),
  groups,
});

describe('examples/acme', () => {
  it('has guardrails, a baseline and the engineering, finance and security-research groups', () => {
    expect(policy.layers).toEqual([
      'guardrails',
      'baseline',
      'group:engineering',
      'group:finance',
      'group:security-research',
    ]);
  });

  it('passes all of its policy tests', () => {
    const report = policy.runTests();
    expect(report.results.filter((result) => !result.passed)).toEqual([]);
    expect(new Set(report.results.map((result) => result.layer)).size).toBe(5);
    expect(report.passed).toBeGreaterThanOrEqual(30);
  });

  it('uses every surface', () => {
    const effective = policy.toJSON();
    for (const surface of ['network', 'filesystem', 'credentials', 'mcp'] as const)
      expect(effective[surface].length).toBeGreaterThan(0);
  });
});

import { seedOrg, setupTestDatabase } from '@parapet/accounts/testing';
import { AppError } from '@parapet/errors';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkPolicy } from './check-policy';
import { findDraftIssues } from './describe-draft';
import { publishPolicy } from './publish-policy';
import { savePolicyDraft } from './save-policy-draft';

const db = setupTestDatabase();

// Text that looks like a policy often enough to reach the validator's deeper paths: fragments
// of real documents, YAML syntax (anchors, aliases, flow collections, tags) and noise.
const fragment = fc.constantFrom(
  'network:',
  'filesystem:',
  'credentials:',
  'mcp:',
  '  rules:',
  '    - id: a',
  '    - id: a',
  '      action: allow',
  '      action: deny',
  '      hosts: [github.com, "*", "**.x.io", 127.1]',
  '      cidrs: [10.0.0.1/8, "::/0"]',
  '      paths: [":workspace/**", "../x"]',
  '      access: write',
  '      ports: [0, "1-2", 70000]',
  '      server: { url: "https://u:p@h/" }',
  '      tools: { allow: ["*"] }',
  '      credential: gh',
  '      destinations: [api.github.com]',
  '      ttl: 25h',
  'tests:',
  '  - name: t',
  '    groups: [nobody]',
  '    request: { surface: network, host: a.b, port: 443 }',
  '    expect: ask',
  'mode: audit',
  'mode: [',
  'a: &x [*x]',
  '<<: *y',
  '!!binary aGk=',
  '? complex',
  '{"network": {"rules": [{"id": 1}]}}',
  '\t',
  '---',
  '...',
  '%YAML 1.1',
  '#',
);
const policyText = fc.oneof(
  fc.array(fragment, { maxLength: 25 }).map((lines) => lines.join('\n')),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  // Any UTF-16 code units: NUL, lone surrogates, direction controls.
  fc.string({ unit: 'binary', maxLength: 100 }),
  fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value) ?? ''),
);

function expectOnlyAppErrors(error: unknown) {
  if (!(error instanceof AppError)) throw error;
  expect(['POLICY_INVALID', 'POLICY_TESTS_FAILED']).toContain(error.code);
  for (const issue of error.issues ?? []) expect(typeof issue.message).toBe('string');
}

describe('documents of any text', () => {
  it('the draft check and the publish gate answer issues or AppErrors, never anything else', () => {
    fc.assert(
      fc.property(policyText, policyText, policyText, (guardrails, baseline, group) => {
        for (const [layer, source] of [
          ['guardrails', guardrails],
          ['group:g', group],
        ] as const) {
          for (const issue of findDraftIssues(layer, source, ['g'])) {
            expect(issue.layer).toBe(layer);
          }
        }
        try {
          checkPolicy({ guardrails, baseline, groups: { g: group } });
        } catch (error) {
          expectOnlyAppErrors(error);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('are saved as written and refused at publish only with AppErrors', async () => {
    const org = await seedOrg({ prisma: db() });
    let revision = 0;
    await fc.assert(
      fc.asyncProperty(policyText, policyText, async (baseline, group) => {
        for (const [layer, source] of [
          ['baseline', baseline],
          ['group:fuzz', group],
        ] as const) {
          const saved = await savePolicyDraft({
            db: db(),
            actor: org.owner.actor,
            input: { layer, source },
          }).catch((error: unknown) => {
            // Only text a database column cannot keep as written is refused.
            expect(error).toBeInstanceOf(AppError);
            expect(['INVALID_INPUT', 'PAYLOAD_TOO_LARGE']).toContain((error as AppError).code);
            return null;
          });
          if (saved && layer === 'baseline') {
            revision += 1;
            expect(saved.revision).toBe(revision);
            const stored = await db().policyDocument.findFirstOrThrow({
              where: { orgId: org.orgId, layer },
            });
            expect(stored.source).toBe(source);
          }
        }
        await publishPolicy({
          db: db(),
          actor: org.admin.actor,
          input: { message: 'Fuzzed' },
        }).catch(expectOnlyAppErrors);
      }),
      { numRuns: 40 },
    );
  });
});

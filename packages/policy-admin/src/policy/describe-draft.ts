import { type PolicyIssue, parsePolicyDocument } from '@parapet/policy';

/**
 * What is wrong with one draft, as the editor and the API show it (empty when nothing is): the
 * document's own problems, and policy tests naming a group the organization does not have
 * (`groupNames`), which publishing would refuse too. Other documents are not read: publishing
 * checks the whole organization.
 */
export function findDraftIssues(
  layer: string,
  source: string,
  groupNames: readonly string[],
): PolicyIssue[] {
  const parsed = parsePolicyDocument(source, { layer });
  if (!parsed.success) return [...parsed.issues];
  const known = new Set(groupNames);
  const issues: PolicyIssue[] = [];
  (parsed.document.tests ?? []).forEach((test, testIndex) => {
    (test.groups ?? []).forEach((group, groupIndex) => {
      if (known.has(group)) return;
      const line = parsed.locateLine(['tests', testIndex, 'groups', groupIndex]);
      issues.push({
        layer,
        path: `tests[${testIndex}].groups[${groupIndex}]`,
        ...(line === undefined ? {} : { line }),
        message: `the test names the group ${JSON.stringify(group)}, which the organization does not have`,
      });
    });
  });
  return issues;
}

/** JSON if the text parses as a JSON object, otherwise YAML (of which JSON is nearly a subset). */
export function detectPolicyFormat(source: string): 'yaml' | 'json' {
  try {
    const value: unknown = JSON.parse(source);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? 'json' : 'yaml';
  } catch {
    return 'yaml';
  }
}

import { type PolicyIssue, parsePolicyDocument } from '@parapet/policy';

/** What is wrong with one draft, as the editor and the API show it (empty when nothing is). */
export function findDraftIssues(layer: string, source: string): PolicyIssue[] {
  const parsed = parsePolicyDocument(source, { layer });
  return parsed.success ? [] : [...parsed.issues];
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

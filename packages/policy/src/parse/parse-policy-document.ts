import type { PolicyIssue } from '../errors/policy-compile-error';
import { type PolicyDocument, policyDocumentSchema } from '../schema/policy-document-schema';
import { checkDocumentSemantics } from './check-document-semantics';
import { describeZodIssue, type RawIssue } from './describe-zod-issue';
import { formatIssuePath, type IssuePath } from './format-issue-path';
import { type PolicySource, readPolicySource } from './read-policy-source';

export type ParsePolicyDocumentResult =
  | {
      readonly success: true;
      readonly document: PolicyDocument;
      /** The YAML line of a path in this document (undefined for object sources). */
      readonly locateLine: (path: IssuePath) => number | undefined;
    }
  | { readonly success: false; readonly issues: readonly PolicyIssue[] };

function issueAt(
  layer: string,
  raw: RawIssue,
  locate: (path: IssuePath) => number | undefined,
): PolicyIssue {
  const line = locate(raw.path);
  const path = formatIssuePath(raw.path);
  return line === undefined
    ? { layer, path, message: raw.message }
    : { layer, path, line, message: raw.message };
}

function pathOrder(left: PolicyIssue, right: PolicyIssue): number {
  return (left.line ?? 0) - (right.line ?? 0);
}

/**
 * Parses and validates one policy document. Every problem is reported at once, each with its
 * path and (for text) its line, sorted by line so they read top to bottom like the file.
 */
export function parsePolicyDocument(
  source: PolicySource | null | undefined,
  options: { layer: string },
): ParsePolicyDocumentResult {
  const { layer } = options;
  const read = readPolicySource(source);
  if (read.problems.length > 0) {
    return {
      success: false,
      issues: read.problems.map((problem) =>
        problem.line === undefined
          ? { layer, path: '', message: problem.message }
          : { layer, path: '', line: problem.line, message: problem.message },
      ),
    };
  }
  const parsed = policyDocumentSchema.safeParse(read.value);
  const raw: RawIssue[] = parsed.success
    ? []
    : parsed.error.issues.flatMap((issue) => describeZodIssue(issue, read.value));
  raw.push(...checkDocumentSemantics(read.value));
  if (raw.length > 0 || !parsed.success) {
    const issues = raw.map((issue) => issueAt(layer, issue, read.locate));
    return { success: false, issues: issues.sort(pathOrder) };
  }
  return { success: true, document: parsed.data, locateLine: read.locate };
}

import { parsePolicyDocument } from '@parapet/policy';
import type { EditorIssue } from '../document/group-issues';

/** A problem placed on a line of the source, ready for the editor's gutter and underline. */
export interface LineDiagnostic {
  readonly line: number;
  readonly message: string;
}

function describe(issue: EditorIssue): string {
  return issue.path === '' ? issue.message : `${issue.path}: ${issue.message}`;
}

/** The engine's problems with a source, as the server reports them (without the layer). */
export function checkPolicySource(source: string, layer: string): EditorIssue[] {
  const parsed = parsePolicyDocument(source, { layer });
  if (parsed.success) return [];
  return parsed.issues.map(({ path, line, message }) =>
    line === undefined ? { path, message } : { path, line, message },
  );
}

/**
 * The local check's problems and the server's, each once, on a line that exists: a problem
 * without a line (or past the end after an edit) is shown on the first or last line.
 */
export function lineDiagnostics(
  local: readonly EditorIssue[],
  server: readonly EditorIssue[],
  lineCount: number,
): LineDiagnostic[] {
  const seen = new Set<string>();
  const diagnostics: LineDiagnostic[] = [];
  for (const issue of [...local, ...server]) {
    const key = `${issue.path}\u0000${issue.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const line = Math.min(Math.max(issue.line ?? 1, 1), Math.max(lineCount, 1));
    diagnostics.push({ line, message: describe(issue) });
  }
  return diagnostics;
}

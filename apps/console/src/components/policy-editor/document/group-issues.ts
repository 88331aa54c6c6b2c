import type { PolicySurface, RuleField } from './rule-fields';

/** A problem as the server and the engine report it. */
export interface EditorIssue {
  readonly path: string;
  readonly line?: number;
  readonly message: string;
}

/** Problems sorted by where the structured editor shows them. */
export interface GroupedIssues {
  /** Keyed by `surface/index`: problems of the rule as a whole (`needs hosts or cidrs`). */
  readonly rules: ReadonlyMap<string, readonly string[]>;
  /** Keyed by `surface/index/field`: problems of a field or one of its chips. */
  readonly fields: ReadonlyMap<string, readonly string[]>;
  /** Everything else (the document's mode, its tests, a source that does not parse). */
  readonly other: readonly EditorIssue[];
}

export function ruleKey(surface: PolicySurface, index: number): string {
  return `${surface}/${index}`;
}

export function fieldKey(surface: PolicySurface, index: number, field: RuleField): string {
  return `${surface}/${index}/${field}`;
}

const rulePath =
  /^(network|filesystem|credentials|mcp)\.rules\[(\d+)\](?:\.([a-z]+(?:\.[a-z]+)?))?(?:\[(\d+)\])?/;

function push(map: Map<string, string[]>, key: string, message: string): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [message]);
  else if (!list.includes(message)) list.push(message);
}

/** Sorts issues into rule, field and document problems; a chip's problem names its value. */
export function groupIssues(
  issues: readonly EditorIssue[],
  chipText: (key: string, chip: number) => string | undefined = () => undefined,
): GroupedIssues {
  const rules = new Map<string, string[]>();
  const fields = new Map<string, string[]>();
  const other: EditorIssue[] = [];
  for (const issue of issues) {
    const match = rulePath.exec(issue.path);
    if (match === null) {
      other.push(issue);
      continue;
    }
    const [, surface, index, field, chip] = match;
    const rule = ruleKey(surface as PolicySurface, Number(index));
    if (field === undefined) {
      push(rules, rule, issue.message);
      continue;
    }
    const key = `${rule}/${field}`;
    const text = chip === undefined ? undefined : chipText(key, Number(chip));
    push(fields, key, text === undefined ? issue.message : `${text}: ${issue.message}`);
  }
  return { rules, fields, other };
}

import { type PolicyDocument, parsePolicyDocument } from '@parapet/policy';

const surfaces = ['network', 'filesystem', 'credentials', 'mcp'] as const;
export type RuleSurface = (typeof surfaces)[number];

type Entry = Record<string, unknown>;

export type EntryDiff = {
  added: { key: string; index: number; entry: Entry }[];
  removed: { key: string; index: number; entry: Entry }[];
  /** Present on both sides with different content: which top-level fields differ. */
  changed: { key: string; fields: string[]; from: Entry; to: Entry }[];
  /** Present on both sides but in a different place relative to the others. */
  moved: { key: string; from: number; to: number }[];
};

export type DocumentRuleDiff = {
  mode: { from: string | null; to: string | null } | null;
  /** Per surface, rules keyed by id; only surfaces where something differs. */
  surfaces: ({ surface: RuleSurface } & EntryDiff)[];
  /** Policy tests, keyed by name, when any differ. */
  tests: EntryDiff | null;
};

/**
 * A rule-aware comparison of two versions of one document: rules added, removed, changed (with
 * the fields that differ) and moved, per surface, and the same for policy tests. Null when
 * either side does not parse (its text diff still shows what changed).
 */
export function diffDocumentRules(
  layer: string,
  from: string | null,
  to: string | null,
): DocumentRuleDiff | null {
  const before = readDocument(layer, from);
  const after = readDocument(layer, to);
  if (before === null || after === null) return null;
  const modeBefore = before.mode ?? null;
  const modeAfter = after.mode ?? null;
  const ruleDiffs = surfaces
    .map((surface) => ({
      surface,
      ...diffEntries(
        (before[surface]?.rules ?? []) as unknown as Entry[],
        (after[surface]?.rules ?? []) as unknown as Entry[],
        'id',
      ),
    }))
    .filter(hasChanges);
  const tests = diffEntries(
    (before.tests ?? []) as unknown as Entry[],
    (after.tests ?? []) as unknown as Entry[],
    'name',
  );
  return {
    mode: modeBefore === modeAfter ? null : { from: modeBefore, to: modeAfter },
    surfaces: ruleDiffs,
    tests: hasChanges(tests) ? tests : null,
  };
}

function readDocument(layer: string, source: string | null): PolicyDocument | null {
  if (source === null) return {} as PolicyDocument;
  const parsed = parsePolicyDocument(source, { layer });
  return parsed.success ? parsed.document : null;
}

function hasChanges(diff: EntryDiff): boolean {
  return diff.added.length + diff.removed.length + diff.changed.length + diff.moved.length > 0;
}

export function diffEntries(before: Entry[], after: Entry[], keyField: string): EntryDiff {
  const keyOf = (entry: Entry) => String(entry[keyField]);
  const beforeIndex = new Map(before.map((entry, index) => [keyOf(entry), index]));
  const afterIndex = new Map(after.map((entry, index) => [keyOf(entry), index]));
  const diff: EntryDiff = { added: [], removed: [], changed: [], moved: [] };
  before.forEach((entry, index) => {
    if (!afterIndex.has(keyOf(entry))) diff.removed.push({ key: keyOf(entry), index, entry });
  });
  const kept: { key: string; from: number; to: number }[] = [];
  after.forEach((entry, index) => {
    const key = keyOf(entry);
    const from = beforeIndex.get(key);
    if (from === undefined) {
      diff.added.push({ key, index, entry });
      return;
    }
    kept.push({ key, from, to: index });
    const previous = before[from] as Entry;
    const fields = changedFields(previous, entry);
    if (fields.length > 0) diff.changed.push({ key, fields, from: previous, to: entry });
  });
  // The rules kept in place are the longest run whose relative order did not change; every
  // other kept rule moved. Sorting by old position and taking the longest increasing run of
  // new positions finds it in n log n, for documents of thousands of rules.
  kept.sort((left, right) => left.from - right.from);
  const inPlace = longestIncreasing(kept.map((entry) => entry.to));
  kept.forEach((entry, index) => {
    if (!inPlace.has(index)) diff.moved.push(entry);
  });
  diff.moved.sort((left, right) => left.to - right.to);
  return diff;
}

function changedFields(before: Entry, after: Entry): string[] {
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return fields.filter((field) => canonical(before[field]) !== canonical(after[field])).sort();
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Entry)
      .filter(([, item]) => item !== undefined)
      .sort(([left], [right]) => (left < right ? -1 : left > right ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonical(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}

/** The indexes of one longest strictly increasing subsequence (patience sorting). */
function longestIncreasing(values: number[]): Set<number> {
  const tails: number[] = [];
  const previous = new Array<number>(values.length).fill(-1);
  values.forEach((value, index) => {
    let low = 0;
    let high = tails.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((values[tails[middle] ?? 0] ?? 0) < value) low = middle + 1;
      else high = middle;
    }
    if (low > 0) previous[index] = tails[low - 1] ?? -1;
    tails[low] = index;
  });
  const result = new Set<number>();
  for (let at = tails[tails.length - 1] ?? -1; at !== -1; at = previous[at] ?? -1) result.add(at);
  return result;
}

export type LineDiffLine = { kind: 'context' | 'added' | 'removed'; text: string };

/** A run of changes with up to three lines of context, numbered like a unified diff (from 1). */
export type LineDiffHunk = {
  fromStart: number;
  fromLines: number;
  toStart: number;
  toLines: number;
  lines: LineDiffLine[];
};

export type LineDiff = { added: number; removed: number; hunks: LineDiffHunk[] };

type Edit = { kind: 'equal' | 'added' | 'removed'; text: string };

const contextLines = 3;
// Beyond this many edits the middle is shown as replaced wholesale: the shortest script would
// cost time and memory growing with the square of the edits, and is no more readable.
const maxEdits = 4000;

/** A line diff of two texts (Myers' shortest edit script), as unified-diff hunks. */
export function diffLines(from: string, to: string): LineDiff {
  const edits = editScript(splitLines(from), splitLines(to));
  return {
    added: edits.filter((edit) => edit.kind === 'added').length,
    removed: edits.filter((edit) => edit.kind === 'removed').length,
    hunks: toHunks(edits),
  };
}

function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

function editScript(a: string[], b: string[]): Edit[] {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start += 1;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA -= 1;
    endB -= 1;
  }
  const equal = (lines: string[]): Edit[] => lines.map((text) => ({ kind: 'equal', text }));
  const middleA = a.slice(start, endA);
  const middleB = b.slice(start, endB);
  const middle = myers(middleA, middleB) ?? [
    ...middleA.map((text): Edit => ({ kind: 'removed', text })),
    ...middleB.map((text): Edit => ({ kind: 'added', text })),
  ];
  return [...equal(a.slice(0, start)), ...middle, ...equal(a.slice(endA))];
}

/** Myers' O(ND) algorithm; null when more than maxEdits edits are needed. */
function myers(a: string[], b: string[]): Edit[] | null {
  const n = a.length;
  const m = b.length;
  const limit = Math.min(n + m, maxEdits);
  const offset = limit + 1;
  const v = new Int32Array(2 * limit + 3);
  // trace[d] holds the furthest x of each diagonal -d-1..d+1 before step d.
  const trace: Int32Array[] = [];
  for (let d = 0; d <= limit; d += 1) {
    trace.push(v.slice(offset - d - 1, offset + d + 2));
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || (k !== d && (v[offset + k - 1] ?? 0) < (v[offset + k + 1] ?? 0));
      let x = down ? (v[offset + k + 1] ?? 0) : (v[offset + k - 1] ?? 0) + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x += 1;
        y += 1;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) return backtrack(a, b, trace);
    }
  }
  return null;
}

function backtrack(a: string[], b: string[], trace: Int32Array[]): Edit[] {
  const edits: Edit[] = [];
  let x = a.length;
  let y = b.length;
  for (let d = trace.length - 1; d >= 0; d -= 1) {
    const window = trace[d] ?? new Int32Array(0);
    const at = (k: number) => window[k + d + 1] ?? 0;
    const k = x - y;
    const previousK = k === -d || (k !== d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1;
    const previousX = at(previousK);
    const previousY = previousX - previousK;
    while (x > previousX && y > previousY) {
      x -= 1;
      y -= 1;
      edits.push({ kind: 'equal', text: a[x] ?? '' });
    }
    if (d > 0) {
      if (x === previousX) edits.push({ kind: 'added', text: b[previousY] ?? '' });
      else edits.push({ kind: 'removed', text: a[previousX] ?? '' });
    }
    x = previousX;
    y = previousY;
  }
  return edits.reverse();
}

function toHunks(edits: Edit[]): LineDiffHunk[] {
  const fromAt: number[] = [];
  const toAt: number[] = [];
  let fromLine = 1;
  let toLine = 1;
  for (const edit of edits) {
    fromAt.push(fromLine);
    toAt.push(toLine);
    if (edit.kind !== 'added') fromLine += 1;
    if (edit.kind !== 'removed') toLine += 1;
  }
  // Each change with its context; changes whose context touches merge into one hunk.
  const ranges: [number, number][] = [];
  edits.forEach((edit, index) => {
    if (edit.kind === 'equal') return;
    const low = Math.max(0, index - contextLines);
    const high = Math.min(edits.length - 1, index + contextLines);
    const last = ranges[ranges.length - 1];
    if (last && low <= last[1] + 1) last[1] = Math.max(last[1], high);
    else ranges.push([low, high]);
  });
  return ranges.map(([low, high]) => {
    const slice = edits.slice(low, high + 1);
    return {
      fromStart: fromAt[low] ?? 1,
      fromLines: slice.filter((edit) => edit.kind !== 'added').length,
      toStart: toAt[low] ?? 1,
      toLines: slice.filter((edit) => edit.kind !== 'removed').length,
      lines: slice.map((edit) => ({
        kind: edit.kind === 'equal' ? 'context' : edit.kind,
        text: edit.text,
      })),
    };
  });
}

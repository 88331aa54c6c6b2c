import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffLines, type LineDiff } from './diff-lines';

// Rebuilds both texts from the hunks and the unchanged lines between them: a diff that does not
// reproduce its inputs is wrong, whatever it looks like.
function replay(from: string, diff: LineDiff): { from: string[]; to: string[] } {
  const fromLines = from === '' ? [] : from.replace(/\n$/, '').split('\n');
  const rebuiltFrom: string[] = [];
  const rebuiltTo: string[] = [];
  let next = 1;
  for (const hunk of diff.hunks) {
    for (; next < hunk.fromStart; next += 1) {
      rebuiltFrom.push(fromLines[next - 1] ?? '');
      rebuiltTo.push(fromLines[next - 1] ?? '');
    }
    for (const line of hunk.lines) {
      if (line.kind !== 'added') rebuiltFrom.push(line.text);
      if (line.kind !== 'removed') rebuiltTo.push(line.text);
    }
    next = hunk.fromStart + hunk.fromLines;
  }
  for (; next <= fromLines.length; next += 1) {
    rebuiltFrom.push(fromLines[next - 1] ?? '');
    rebuiltTo.push(fromLines[next - 1] ?? '');
  }
  return { from: rebuiltFrom, to: rebuiltTo };
}

const lines = (text: string) => (text === '' ? [] : text.replace(/\n$/, '').split('\n'));

// The textbook dynamic programme, fine for short inputs: the fewest edits any script needs.
function fewestEdits(from: string[], to: string[]): number {
  const table = from.map(() => new Array<number>(to.length + 1).fill(0));
  table.push(new Array<number>(to.length + 1).fill(0));
  for (let i = from.length - 1; i >= 0; i -= 1) {
    for (let j = to.length - 1; j >= 0; j -= 1) {
      const row = table[i] as number[];
      const below = table[i + 1] as number[];
      row[j] =
        from[i] === to[j] ? (below[j + 1] ?? 0) + 1 : Math.max(below[j] ?? 0, row[j + 1] ?? 0);
    }
  }
  return from.length + to.length - 2 * (table[0]?.[0] ?? 0);
}

describe('diffLines', () => {
  it('answers no hunks for equal texts', () => {
    expect(diffLines('a\nb\n', 'a\nb\n')).toEqual({ added: 0, removed: 0, hunks: [] });
  });

  it('shows a change with three lines of context, numbered from 1', () => {
    const from = ['1', '2', '3', '4', '5', '6', '7', '8', '9'].join('\n');
    const to = ['1', '2', '3', '4', 'five', '6', '7', '8', '9'].join('\n');
    expect(diffLines(from, to)).toEqual({
      added: 1,
      removed: 1,
      hunks: [
        {
          fromStart: 2,
          fromLines: 7,
          toStart: 2,
          toLines: 7,
          lines: [
            { kind: 'context', text: '2' },
            { kind: 'context', text: '3' },
            { kind: 'context', text: '4' },
            { kind: 'removed', text: '5' },
            { kind: 'added', text: 'five' },
            { kind: 'context', text: '6' },
            { kind: 'context', text: '7' },
            { kind: 'context', text: '8' },
          ],
        },
      ],
    });
  });

  it('finds the shortest script and reproduces both texts, whatever they are', () => {
    const text = fc
      .array(fc.constantFrom('a', 'b', 'c', '', '# x'), { maxLength: 30 })
      .map((items) => items.join('\n'));
    fc.assert(
      fc.property(text, text, (from, to) => {
        const diff = diffLines(from, to);
        const rebuilt = replay(from, diff);
        expect(rebuilt.from).toEqual(lines(from));
        expect(rebuilt.to).toEqual(lines(to));
        expect(diff.added + diff.removed).toBe(fewestEdits(lines(from), lines(to)));
      }),
    );
  });

  it('stays fast on large documents with many edits', () => {
    const from = Array.from({ length: 20_000 }, (_, index) => `line ${index}`).join('\n');
    const to = Array.from({ length: 20_000 }, (_, index) =>
      index % 3 === 0 ? `changed ${index}` : `line ${index}`,
    ).join('\n');
    const started = performance.now();
    const diff = diffLines(from, to);
    expect(performance.now() - started).toBeLessThan(2000);
    const rebuilt = replay(from, diff);
    expect(rebuilt.to).toEqual(lines(to));
  });
});

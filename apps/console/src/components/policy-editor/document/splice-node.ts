import { isSeq, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import {
  detectJsonIndent,
  pad,
  renderBlockItem,
  renderBlockPair,
  renderInline,
  renderJsonEntry,
  type SourceFormat,
} from './render-value';

// Edits are text splices at the ranges the yaml parser reports, so every byte outside the edited
// node stays as written: re-serializing the whole document would refold long strings and
// reflow hand-wrapped lists that nobody touched.

/** Replace `source[from, to)` with `insert`. */
export interface TextEdit {
  readonly from: number;
  readonly to: number;
  readonly insert: string;
}

export interface SpliceContext {
  readonly source: string;
  readonly format: SourceFormat;
}

export function applyTextEdits(source: string, edits: readonly TextEdit[]): string {
  let text = source;
  for (const edit of [...edits].sort((left, right) => right.from - left.from)) {
    text = text.slice(0, edit.from) + edit.insert + text.slice(edit.to);
  }
  return text;
}

type Ranged = { range?: [number, number, number] | null } | null | undefined;

function start(node: Ranged): number {
  return node?.range?.[0] ?? 0;
}

function end(node: Ranged): number {
  return node?.range?.[1] ?? 0;
}

function column(source: string, position: number): number {
  return position - (source.lastIndexOf('\n', position - 1) + 1);
}

function lineStart(source: string, position: number): number {
  return source.lastIndexOf('\n', position - 1) + 1;
}

/** The position after the newline that ends the line holding `position - 1`. */
function lineEndAfter(source: string, position: number): number {
  if (position > 0 && source[position - 1] === '\n') return position;
  const newline = source.indexOf('\n', position);
  return newline === -1 ? source.length : newline + 1;
}

function pairEnd(pair: Pair): number {
  return pair.value === null ? end(pair.key as Ranged) : end(pair.value as Ranged);
}

function isFlow(node: YAMLMap | YAMLSeq): boolean {
  return Boolean(node.flow);
}

/** What goes between two entries of a flow collection: `, ` or a comma and a new line. */
function flowSeparator(source: string, firstEntryStart: number, collectionStart: number): string {
  const multiline = source.slice(collectionStart, firstEntryStart).includes('\n');
  return multiline ? `,\n${pad(column(source, firstEntryStart))}` : ', ';
}

function renderFlowEntry(ctx: SpliceContext, value: unknown, entryColumn: number): string {
  if (ctx.format === 'json' && typeof value === 'object' && value !== null) {
    return renderJsonEntry(value, entryColumn, detectJsonIndent(ctx.source));
  }
  return renderInline(value, ctx.format);
}

/** The new value of an existing pair, written in the style of the value it replaces. */
export function replacePairValue(ctx: SpliceContext, pair: Pair, value: unknown): TextEdit {
  const { source } = ctx;
  const node = pair.value as Node | null;
  if (node?.range == null || end(node) === start(node)) {
    const colon = source.indexOf(':', end(pair.key as Ranged));
    const at = node?.range == null ? colon + 1 : start(node);
    return { from: at, to: at, insert: ` ${renderInline(value, ctx.format)}` };
  }
  const original = source.slice(start(node), end(node));
  if (isSeq(node) && !isFlow(node) && Array.isArray(value) && value.length === 0) {
    // An emptied block list becomes `key: []` on the key's line, not `[]` under it.
    const colon = source.indexOf(':', end(pair.key as Ranged));
    return { from: colon + 1, to: end(node), insert: original.endsWith('\n') ? ' []\n' : ' []' };
  }
  let insert: string;
  if (isSeq(node) && !isFlow(node) && Array.isArray(value) && value.length > 0) {
    const dash = pad(column(source, start(node)));
    insert = value.map((item) => `- ${renderInline(item, 'yaml')}`).join(`\n${dash}`);
  } else {
    insert = renderFlowEntry(ctx, value, column(source, start(node)));
  }
  if (original.endsWith('\n') && !insert.endsWith('\n')) insert += '\n';
  return { from: start(node), to: end(node), insert };
}

/** Writes a block list of one item as the value of a pair whose list was empty (`rules: []`). */
export function replaceWithBlockList(ctx: SpliceContext, pair: Pair, item: unknown): TextEdit {
  const { source } = ctx;
  const keyStart = start(pair.key as Ranged);
  const colon = source.indexOf(':', end(pair.key as Ranged));
  const node = pair.value as Node | null;
  const to = Math.max(colon + 1, node?.range == null ? 0 : end(node));
  const dashColumn = column(source, keyStart) + 2;
  const trailing = source.slice(colon + 1, to).endsWith('\n') ? '\n' : '';
  return {
    from: colon + 1,
    to,
    insert: `\n${pad(dashColumn)}${renderBlockItem(item, dashColumn)}${trailing}`,
  };
}

/** Adds `key: value` to a mapping, after its last pair or before `before` when given. */
export function insertPair(
  ctx: SpliceContext,
  map: YAMLMap,
  key: string,
  value: unknown,
  before?: Pair,
): TextEdit {
  const { source, format } = ctx;
  const pairs = map.items as Pair[];
  const last = pairs.at(-1);
  const keyText = renderInline(key, format);
  if (isFlow(map) || format === 'json') {
    if (last === undefined) {
      const inside = source.indexOf('{', start(map)) + 1;
      const text = `${keyText}: ${renderInline(value, format)}`;
      return { from: inside, to: inside, insert: format === 'json' ? text : ` ${text} ` };
    }
    const first = pairs[0] as Pair;
    const separator = flowSeparator(source, start(first.key as Ranged), start(map));
    const entryColumn = column(source, start(first.key as Ranged));
    const text = `${keyText}: ${renderFlowEntry(ctx, value, entryColumn)}`;
    return { from: pairEnd(last), to: pairEnd(last), insert: separator + text };
  }
  const keyColumn = last === undefined ? 0 : column(source, start(last.key as Ranged));
  const text = `${pad(keyColumn)}${renderBlockPair(key, value, keyColumn)}\n`;
  if (before !== undefined) {
    let at = lineStart(source, start(before.key as Ranged));
    // A comment right above a key belongs to that key: the new pair goes above the comment.
    while (at > 0) {
      const previous = lineStart(source, at - 1);
      if (!/^\s*#/.test(source.slice(previous, at))) break;
      at = previous;
    }
    return { from: at, to: at, insert: `${text}\n` };
  }
  const at = last === undefined ? source.length : lineEndAfter(source, pairEnd(last));
  const newline = at > 0 && source[at - 1] !== '\n' ? '\n' : '';
  return { from: at, to: at, insert: newline + text };
}

/** Removes one pair from a mapping; the comments around it stay. */
export function removePair(ctx: SpliceContext, map: YAMLMap, pair: Pair): TextEdit {
  const { source } = ctx;
  const pairs = map.items as Pair[];
  const index = pairs.indexOf(pair);
  const next = pairs[index + 1];
  const previous = pairs[index - 1];
  const pairStart = start(pair.key as Ranged);
  if (isFlow(map) || ctx.format === 'json') {
    if (previous !== undefined) return { from: pairEnd(previous), to: pairEnd(pair), insert: '' };
    if (next !== undefined) return { from: pairStart, to: start(next.key as Ranged), insert: '' };
    return { from: pairStart, to: pairEnd(pair), insert: '' };
  }
  if (index === 0) {
    // The first key may share its line with a list dash: cut up to the next key instead.
    if (next !== undefined) return { from: pairStart, to: start(next.key as Ranged), insert: '' };
    return {
      from: start(map),
      to: end(map),
      insert: source.slice(start(map), end(map)).endsWith('\n') ? '{}\n' : '{}',
    };
  }
  return {
    from: lineStart(source, pairStart),
    to: lineEndAfter(source, pairEnd(pair)),
    insert: '',
  };
}

/** The text of a block list item: its leading comment lines, dash, body, through its line end. */
function blockItemSpan(source: string, item: Node): { from: number; to: number } {
  const dash = source.lastIndexOf('-', start(item) - 1);
  let from = lineStart(source, dash);
  while (from > 0) {
    const previous = lineStart(source, from - 1);
    if (!/^\s*#/.test(source.slice(previous, from))) break;
    from = previous;
  }
  return { from, to: lineEndAfter(source, end(item)) };
}

function itemSpan(ctx: SpliceContext, seq: YAMLSeq, item: Node): { from: number; to: number } {
  return isFlow(seq) || ctx.format === 'json'
    ? { from: start(item), to: end(item) }
    : blockItemSpan(ctx.source, item);
}

/** Appends an item to a non-empty list, in the list's style. */
export function appendItem(ctx: SpliceContext, seq: YAMLSeq, value: unknown): TextEdit {
  const { source } = ctx;
  const items = seq.items as Node[];
  const first = items[0] as Node;
  const last = items.at(-1) as Node;
  if (isFlow(seq) || ctx.format === 'json') {
    const separator = flowSeparator(source, start(first), start(seq));
    const text = renderFlowEntry(ctx, value, column(source, start(first)));
    return { from: end(last), to: end(last), insert: separator + text };
  }
  const dashColumn = column(source, source.lastIndexOf('-', start(first) - 1));
  const previous = items.at(-2);
  const spaced =
    previous !== undefined &&
    /\n[ \t]*\n/.test(source.slice(end(previous) - 1, blockItemSpan(source, last).from));
  const at = lineEndAfter(source, end(last));
  const newline = source[at - 1] === '\n' ? '' : '\n';
  const text = `${newline}${spaced ? '\n' : ''}${pad(dashColumn)}${renderBlockItem(value, dashColumn)}\n`;
  return { from: at, to: at, insert: text };
}

/** Removes one item of a list that has others; with it go its leading comments and one blank line. */
export function removeItem(ctx: SpliceContext, seq: YAMLSeq, index: number): TextEdit {
  const { source } = ctx;
  const items = seq.items as Node[];
  const item = items[index] as Node;
  if (isFlow(seq) || ctx.format === 'json') {
    const previous = items[index - 1];
    const next = items[index + 1];
    if (previous !== undefined) return { from: end(previous), to: end(item), insert: '' };
    return { from: start(item), to: next === undefined ? end(item) : start(next), insert: '' };
  }
  let { from, to } = blockItemSpan(source, item);
  const blankAfter = /^[ \t]*\n/.exec(source.slice(to));
  if (blankAfter !== null && index < items.length - 1) to += blankAfter[0].length;
  else if (from > 0 && /\n[ \t]*\n$/.test(source.slice(0, from))) {
    from = lineStart(source, from - 1);
  }
  return { from, to, insert: '' };
}

/** Exchanges two items' texts; what lies between them (blank lines, separators) stays. */
export function swapItems(
  ctx: SpliceContext,
  seq: YAMLSeq,
  index: number,
  other: number,
): TextEdit[] {
  const items = seq.items as Node[];
  const one = itemSpan(ctx, seq, items[index] as Node);
  const two = itemSpan(ctx, seq, items[other] as Node);
  const text = (span: { from: number; to: number }) => ctx.source.slice(span.from, span.to);
  return [
    { from: one.from, to: one.to, insert: text(two) },
    { from: two.from, to: two.to, insert: text(one) },
  ];
}

export function findPair(map: YAMLMap, key: string): Pair | undefined {
  return (map.items as Pair[]).find((pair) => {
    const keyNode = pair.key as { value?: unknown } | null;
    return (keyNode?.value ?? keyNode) === key;
  });
}

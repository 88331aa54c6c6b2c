import { type Document, isMap, isSeq, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import {
  isKnownReadable,
  markReadable,
  parsePolicySource,
  parseRuleChunk,
  type SourceProblem,
} from './read-policy-rules';
import { detectSourceFormat, renderBlockPair, renderJsonEntry } from './render-value';
import {
  fieldPath,
  newRule,
  type PolicySurface,
  policySurfaces,
  type RuleField,
  type RuleFieldValue,
  toDocumentValue,
} from './rule-fields';
import { scanRuleChunks } from './scan-rule-chunks';
import {
  appendItem,
  applyTextEdits,
  findPair,
  insertPair,
  removeItem,
  removePair,
  replacePairValue,
  replaceWithBlockList,
  type SpliceContext,
  swapItems,
  type TextEdit,
} from './splice-node';

/** What the structured editor can do to a document. */
export type PolicySourceEdit =
  | { readonly kind: 'add-rule'; readonly surface: PolicySurface }
  | {
      readonly kind: 'set-field';
      readonly surface: PolicySurface;
      readonly index: number;
      readonly field: RuleField;
      /** `undefined` removes the field. */
      readonly value: RuleFieldValue | undefined;
    }
  | { readonly kind: 'remove-rule'; readonly surface: PolicySurface; readonly index: number }
  | {
      readonly kind: 'move-rule';
      readonly surface: PolicySurface;
      readonly index: number;
      readonly direction: 'up' | 'down';
    };

export type EditPolicySourceResult =
  | { readonly ok: true; readonly source: string }
  | { readonly ok: false; readonly problems: readonly SourceProblem[] };

// Top-level keys in the order documents write them; a new surface goes before the first
// present key that follows it.
const topLevelOrder = ['mode', ...policySurfaces, 'tests'];

/**
 * Applies one structured edit to a policy source and returns the new source. Only the edited
 * node's text changes: comments, order and layout elsewhere stay byte for byte, and a JSON
 * document stays JSON. A source that does not parse is refused with its problems.
 */
export function editPolicySource(source: string, edit: PolicySourceEdit): EditPolicySourceResult {
  const edited = isKnownReadable(source) ? editByChunks(source, edit) : undefined;
  const result =
    edited === undefined ? editByDocument(source, edit) : { ok: true as const, source: edited };
  if (result.ok) markReadable(result.source);
  return result;
}

/** The edit planned on a parse of the whole document: always available, slow on large ones. */
export function editByDocument(source: string, edit: PolicySourceEdit): EditPolicySourceResult {
  const parsed = parsePolicySource(source);
  if (!parsed.readable) return { ok: false, problems: parsed.problems };
  const ctx: SpliceContext = { source, format: detectSourceFormat(source) };
  const edits = planEdits(ctx, parsed.document, edit);
  if (typeof edits === 'string') return { ok: false, problems: [{ message: edits }] };
  return { ok: true, source: applyTextEdits(source, edits) };
}

/**
 * The same edit planned on the rules found by a line scan, parsing at most the one rule it
 * changes. Undefined when the scan cannot tell (see scanRuleChunks) or the edit needs the whole
 * document (adding a rule, removing the last one): the caller then parses everything.
 */
export function editByChunks(source: string, edit: PolicySourceEdit): string | undefined {
  if (edit.kind === 'add-rule') return undefined;
  const chunks = scanRuleChunks(source)?.[edit.surface];
  const chunk = chunks?.[edit.index];
  if (chunks === undefined || chunk === undefined) return undefined;
  const ctx: SpliceContext = { source, format: 'yaml' };
  // Only ranges are read from list items, so the scanned ranges stand in for parsed nodes.
  const seq = { flow: false, items: chunks.map(({ from, to }) => ({ range: [from, to, to] })) };
  const list = seq as unknown as YAMLSeq;
  switch (edit.kind) {
    case 'remove-rule':
      return chunks.length === 1
        ? undefined
        : applyTextEdits(source, [removeItem(ctx, list, edit.index)]);
    case 'move-rule': {
      const other = edit.direction === 'up' ? edit.index - 1 : edit.index + 1;
      if (other < 0 || other >= chunks.length) return source;
      return applyTextEdits(
        source,
        swapItems(ctx, list, Math.min(edit.index, other), Math.max(edit.index, other)),
      );
    }
    case 'set-field': {
      const parsed = parseRuleChunk(source, chunk);
      if (parsed === undefined) return undefined;
      const shift = chunk.from - (parsed.text.length - (chunk.to - chunk.from));
      const edits = fieldEdits(
        { source: parsed.text, format: 'yaml' },
        parsed.rule,
        edit.field,
        edit.value,
      );
      return applyTextEdits(
        source,
        edits.map(({ from, to, insert }) => ({ from: from + shift, to: to + shift, insert })),
      );
    }
  }
}

function fieldEdits(
  ctx: SpliceContext,
  rule: YAMLMap,
  field: RuleField,
  value: RuleFieldValue | undefined,
): TextEdit[] {
  const path = fieldPath(field);
  if (value === undefined) return removeIn(ctx, rule, path);
  return [setIn(ctx, rule, path, toDocumentValue(field, value))];
}

function rulesSeq(document: Document, surface: PolicySurface): YAMLSeq | undefined {
  const seq = document.getIn([surface, 'rules'], true);
  return isSeq(seq) ? seq : undefined;
}

function planEdits(
  ctx: SpliceContext,
  document: Document,
  edit: PolicySourceEdit,
): TextEdit[] | string {
  if (edit.kind === 'add-rule') return [addRule(ctx, document, edit.surface)];
  const seq = rulesSeq(document, edit.surface);
  const item = seq?.items[edit.index];
  if (seq === undefined || item === undefined)
    return `${edit.surface} has no rule ${edit.index + 1}`;
  switch (edit.kind) {
    case 'remove-rule':
      if (seq.items.length === 1) {
        const surfaceMap = document.get(edit.surface, true) as YAMLMap;
        return [replacePairValue(ctx, findPair(surfaceMap, 'rules') as Pair, [])];
      }
      return [removeItem(ctx, seq, edit.index)];
    case 'move-rule': {
      const other = edit.direction === 'up' ? edit.index - 1 : edit.index + 1;
      if (other < 0 || other >= seq.items.length) return [];
      return swapItems(ctx, seq, Math.min(edit.index, other), Math.max(edit.index, other));
    }
    case 'set-field': {
      if (!isMap(item)) return `rule ${edit.index + 1} of ${edit.surface} is not a mapping`;
      return fieldEdits(ctx, item, edit.field, edit.value);
    }
  }
}

function nest(path: readonly string[], value: unknown): unknown {
  return path.reduceRight<unknown>((inner, key) => ({ [key]: inner }), value);
}

function setIn(
  ctx: SpliceContext,
  map: YAMLMap,
  path: readonly string[],
  value: unknown,
): TextEdit {
  const [key, ...rest] = path as [string, ...string[]];
  const pair = findPair(map, key);
  if (pair === undefined) return insertPair(ctx, map, key, nest(rest, value));
  if (rest.length === 0) return replacePairValue(ctx, pair, value);
  if (isMap(pair.value)) return setIn(ctx, pair.value, rest, value);
  return replacePairValue(ctx, pair, nest(rest, value));
}

function removeIn(ctx: SpliceContext, map: YAMLMap, path: readonly string[]): TextEdit[] {
  const [key, ...rest] = path as [string, ...string[]];
  const pair = findPair(map, key);
  if (pair === undefined) return [];
  if (rest.length === 0) return [removePair(ctx, map, pair)];
  if (!isMap(pair.value)) return [];
  const inner = pair.value;
  // Removing the last field of a nested mapping (tools.allow) removes the emptied mapping too.
  const [innerKey] = rest as [string];
  if (rest.length === 1 && inner.items.length === 1 && findPair(inner, innerKey) !== undefined) {
    return [removePair(ctx, map, pair)];
  }
  return removeIn(ctx, inner, rest);
}

function uniqueRuleId(document: Document, surface: PolicySurface): string {
  const ids = new Set<unknown>();
  for (const each of policySurfaces) {
    for (const rule of rulesSeq(document, each)?.items ?? []) {
      if (isMap(rule)) ids.add(rule.get('id'));
    }
  }
  let number = 1;
  while (ids.has(`${surface}-rule-${number}`)) number += 1;
  return `${surface}-rule-${number}`;
}

function addRule(ctx: SpliceContext, document: Document, surface: PolicySurface): TextEdit {
  const rule = newRule(surface, uniqueRuleId(document, surface));
  const seq = rulesSeq(document, surface);
  if (seq !== undefined && seq.items.length > 0) return appendItem(ctx, seq, rule);
  const surfaceNode = document.get(surface, true);
  if (isMap(surfaceNode)) {
    const rulesPair = findPair(surfaceNode, 'rules');
    if (rulesPair === undefined) return insertPair(ctx, surfaceNode, 'rules', [rule]);
    return ctx.format === 'json'
      ? replacePairValue(ctx, rulesPair, [rule])
      : replaceWithBlockList(ctx, rulesPair, rule);
  }
  const root = document.contents;
  if (!isMap(root)) return emptyDocumentWith(ctx, surface, rule);
  const position = topLevelOrder.indexOf(surface);
  const before = (root.items as Pair[]).find(
    (pair) => topLevelOrder.indexOf(String((pair.key as { value?: unknown }).value)) > position,
  );
  return insertPair(
    ctx,
    root,
    surface,
    { rules: [rule] },
    ctx.format === 'json' ? undefined : before,
  );
}

function emptyDocumentWith(ctx: SpliceContext, surface: PolicySurface, rule: unknown): TextEdit {
  const body = { [surface]: { rules: [rule] } };
  const text =
    ctx.format === 'json'
      ? renderJsonEntry(body, 0, 2)
      : renderBlockPair(surface, body[surface], 0);
  const separator = ctx.source.length === 0 || ctx.source.endsWith('\n') ? '' : '\n';
  return { from: ctx.source.length, to: ctx.source.length, insert: `${separator}${text}\n` };
}

import {
  type Document,
  isMap,
  isSeq,
  LineCounter,
  type Node,
  parseDocument,
  type YAMLMap,
} from 'yaml';
import {
  fieldPath,
  type PolicySurface,
  policySurfaces,
  type RuleField,
  type RuleFieldValue,
  surfaceFields,
} from './rule-fields';
import { type RuleChunk, type RuleChunks, scanRuleChunks } from './scan-rule-chunks';

export interface SourceProblem {
  readonly message: string;
  readonly line?: number;
}

/** One rule as the structured editor shows it. */
export interface RuleRow {
  readonly index: number;
  /** The 1-based line where the rule starts. */
  readonly line: number;
  readonly action: string;
  readonly values: Partial<Record<RuleField, RuleFieldValue>>;
}

export type PolicyRules = Record<PolicySurface, readonly RuleRow[]>;

/**
 * The structured view of a source, or the reason there is none: a source that does not parse
 * (or is not a mapping) can only be fixed in the source view.
 */
export type ReadPolicyRulesResult =
  | { readonly readable: true; readonly rules: PolicyRules }
  | { readonly readable: false; readonly problems: readonly SourceProblem[] };

export type ParsedSource =
  | { readonly readable: true; readonly document: Document; readonly lines: LineCounter }
  | { readonly readable: false; readonly problems: readonly SourceProblem[] };

// Parsing a large document is the slow part of an edit, and the structured view reads the same
// text the edit then changes: the last few parses are kept (the trees are never mutated).
const recentParses = new Map<string, ParsedSource>();
const keptParses = 4;

/** Parses a source with the yaml package's Document API, which keeps every node's text range. */
export function parsePolicySource(source: string): ParsedSource {
  const kept = recentParses.get(source);
  if (kept !== undefined) return kept;
  const parsed = parseUncached(source);
  recentParses.set(source, parsed);
  if (recentParses.size > keptParses) {
    recentParses.delete(recentParses.keys().next().value as string);
  }
  return parsed;
}

function parseUncached(source: string): ParsedSource {
  const lines = new LineCounter();
  const document = parseDocument(source, { lineCounter: lines, prettyErrors: false });
  if (document.errors.length > 0) {
    return {
      readable: false,
      problems: document.errors.map((error) => ({
        message: error.message.split('\n')[0] ?? error.message,
        line: lines.linePos(error.pos[0]).line,
      })),
    };
  }
  const contents = document.contents;
  if (contents !== null && !isMap(contents)) {
    return { readable: false, problems: [{ message: 'the document must be a mapping of fields' }] };
  }
  for (const surface of policySurfaces) {
    const node = document.get(surface, true);
    if (node === undefined || node === null) continue;
    const rules = isMap(node) ? node.get('rules', true) : undefined;
    const rulesOk = isMap(node) && (rules == null || isSeq(rules) || isEmptyScalar(rules));
    if (!rulesOk) {
      return {
        readable: false,
        problems: [{ message: `${surface} must be a mapping with a rules list` }],
      };
    }
  }
  return { readable: true, document, lines };
}

function isEmptyScalar(node: unknown): boolean {
  return (node as { value?: unknown } | null)?.value === null;
}

function asFieldValue(value: unknown): RuleFieldValue | undefined {
  if (value === undefined) return undefined;
  if (Array.isArray(value)) return value.map((item) => displayText(item));
  return displayText(value);
}

function displayText(value: unknown): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function readValue(rule: unknown, path: readonly string[]): unknown {
  let value = rule;
  for (const key of path) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

function valuesOf(surface: PolicySurface, node: Node): RuleRow['values'] {
  const rule = node.toJSON() as unknown;
  const values: Partial<Record<RuleField, RuleFieldValue>> = {};
  for (const spec of surfaceFields[surface]) {
    const value = asFieldValue(readValue(rule, fieldPath(spec.field)));
    if (value !== undefined) values[spec.field] = value;
  }
  return values;
}

function readRow(surface: PolicySurface, node: Node, index: number, lines: LineCounter): RuleRow {
  const values = valuesOf(surface, node);
  const line = lines.linePos(node.range?.[0] ?? 0).line;
  return { index, line, action: typeof values.action === 'string' ? values.action : '', values };
}

export function rulesOf(document: Document, surface: PolicySurface, lines: LineCounter): RuleRow[] {
  const seq = document.getIn([surface, 'rules'], true);
  if (!isSeq(seq)) return [];
  return (seq.items as Node[]).map((item, index) => readRow(surface, item, index, lines));
}

// Texts known to parse: those that parsed, and those an edit made from them (an edit splices
// valid YAML into valid YAML). Only these may be read rule by rule without a full parse.
const readableSources = new Set<string>();
const keptReadable = 8;

export function markReadable(source: string): void {
  readableSources.delete(source);
  readableSources.add(source);
  if (readableSources.size > keptReadable) {
    readableSources.delete(readableSources.values().next().value as string);
  }
}

export function isKnownReadable(source: string): boolean {
  return readableSources.has(source);
}

/** The rule at `chunk` parsed alone, indented as in the document so its columns are the same. */
export function parseRuleChunk(
  source: string,
  chunk: RuleChunk,
): { text: string; rule: YAMLMap } | undefined {
  const column = chunk.from - (source.lastIndexOf('\n', chunk.from - 1) + 1);
  const text = ' '.repeat(column) + source.slice(chunk.from, chunk.to);
  const document = parseDocument(text, { prettyErrors: false });
  if (document.errors.length > 0 || !isMap(document.contents)) return undefined;
  return { text, rule: document.contents };
}

const chunkValues = new Map<string, RuleRow['values']>();
const keptChunkValues = 20_000;

function lineStarts(source: string): number[] {
  const starts = [0];
  for (let index = source.indexOf('\n'); index !== -1; index = source.indexOf('\n', index + 1)) {
    starts.push(index + 1);
  }
  return starts;
}

function lineAt(starts: readonly number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((starts[middle] as number) <= offset) low = middle;
    else high = middle - 1;
  }
  return low + 1;
}

/** Reads the rules one chunk at a time, re-parsing only chunks whose text is new. */
function readByChunks(source: string, chunks: RuleChunks): PolicyRules | undefined {
  const starts = lineStarts(source);
  const rules = {} as Record<PolicySurface, RuleRow[]>;
  for (const surface of policySurfaces) {
    const rows: RuleRow[] = [];
    for (const [index, chunk] of chunks[surface].entries()) {
      const key = `${surface}\u0000${source.slice(chunk.from, chunk.to)}`;
      let values = chunkValues.get(key);
      if (values === undefined) {
        const parsed = parseRuleChunk(source, chunk);
        if (parsed === undefined) return undefined;
        values = valuesOf(surface, parsed.rule);
        if (chunkValues.size >= keptChunkValues) chunkValues.clear();
        chunkValues.set(key, values);
      }
      const action = typeof values.action === 'string' ? values.action : '';
      rows.push({ index, line: lineAt(starts, chunk.from), action, values });
    }
    rules[surface] = rows;
  }
  return rules;
}

export function readPolicyRules(source: string): ReadPolicyRulesResult {
  if (isKnownReadable(source)) {
    const chunks = scanRuleChunks(source);
    const rules = chunks === undefined ? undefined : readByChunks(source, chunks);
    if (rules !== undefined) return { readable: true, rules };
  }
  const parsed = parsePolicySource(source);
  if (!parsed.readable) return parsed;
  markReadable(source);
  const { document, lines } = parsed;
  const rules = {} as Record<PolicySurface, RuleRow[]>;
  for (const surface of policySurfaces) rules[surface] = rulesOf(document, surface, lines);
  return { readable: true, rules };
}

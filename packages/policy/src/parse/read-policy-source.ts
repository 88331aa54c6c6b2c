import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import type { IssuePath } from './format-issue-path';

/** A policy document as given: YAML or JSON text, or an already-parsed plain object. */
export type PolicySource = string | Record<string, unknown>;

export interface SourceProblem {
  readonly message: string;
  readonly line?: number;
}

export interface ReadSource {
  /** The parsed value, or undefined when the text could not be parsed. */
  readonly value: unknown;
  readonly problems: readonly SourceProblem[];
  /** The 1-based line of the node at `path` (or of its closest present ancestor), for text sources. */
  readonly locate: (path: IssuePath) => number | undefined;
}

const noLines = () => undefined;

function childOf(node: unknown, step: PropertyKey): { key: unknown; value: unknown } | undefined {
  if (isMap(node)) {
    const pair = node.items.find(
      (item) => (isScalar(item.key) ? item.key.value : item.key) === step,
    );
    return pair === undefined ? undefined : { key: pair.key, value: pair.value };
  }
  if (isSeq(node) && typeof step === 'number') {
    const item = node.items[step];
    return item === undefined ? undefined : { key: item, value: item };
  }
  return undefined;
}

function startOf(node: unknown): number | undefined {
  const range = (node as Node | null)?.range;
  return Array.isArray(range) ? range[0] : undefined;
}

/**
 * Finds the line of a path in the YAML tree. For a missing field it answers with the line of
 * the mapping that should hold it; for an empty value (`hosts:`), with the line of its key.
 */
function locateIn(root: unknown, lines: LineCounter, path: IssuePath): number | undefined {
  let node = root;
  let offset = startOf(root);
  for (const step of path) {
    const child = childOf(node, step);
    if (child === undefined) break;
    offset = startOf(child.value) ?? startOf(child.key) ?? offset;
    node = child.value;
  }
  return offset === undefined ? undefined : lines.linePos(offset).line;
}

function readJsonFallback(text: string): ReadSource | undefined {
  if (!/^\s*[{[]/.test(text)) return undefined;
  try {
    return { value: JSON.parse(text), problems: [], locate: noLines };
  } catch {
    return undefined;
  }
}

function readText(text: string): ReadSource {
  const lines = new LineCounter();
  // YAML 1.2 core schema: `yes`/`on` stay strings, duplicate keys are errors, no merge keys.
  const document = parseDocument(text, {
    lineCounter: lines,
    uniqueKeys: true,
    prettyErrors: false,
  });
  if (document.errors.length > 0) {
    // JSON is YAML, except for a few spellings (tabs used as indentation); accept those as JSON.
    const json = readJsonFallback(text);
    if (json !== undefined) return json;
    return {
      value: undefined,
      problems: document.errors.map((error) => ({
        message: `not valid YAML or JSON: ${error.message.split('\n')[0]}`,
        line: lines.linePos(error.pos[0]).line,
      })),
      locate: noLines,
    };
  }
  let value: unknown;
  try {
    value = document.toJS({ maxAliasCount: 100 });
  } catch (error) {
    return {
      value: undefined,
      problems: [{ message: `cannot read the document: ${(error as Error).message}` }],
      locate: noLines,
    };
  }
  // An empty file is an empty document.
  return {
    value: value ?? {},
    problems: [],
    locate: (path) => locateIn(document.contents, lines, path),
  };
}

export function readPolicySource(source: PolicySource | null | undefined): ReadSource {
  if (source === undefined || source === null) return { value: {}, problems: [], locate: noLines };
  if (typeof source === 'string') return readText(source);
  return { value: source, problems: [], locate: noLines };
}

import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import { hasDuplicateJsonKey } from './find-duplicate-json-key';
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

function looksLikeJson(text: string): boolean {
  return /^\s*[{[]/.test(text);
}

function readJsonFallback(text: string): ReadSource | undefined {
  if (!looksLikeJson(text)) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return hasDuplicateJsonKey(text) ? undefined : { value, problems: [], locate: noLines };
  } catch {
    return undefined;
  }
}

/**
 * JSON text is read with `JSON.parse`, a hundred times faster than a YAML parser on a large
 * policy. Lines are only needed when something is wrong, so the YAML tree that maps paths to
 * lines is built on the first lookup. Text with a repeated key takes the YAML path, which
 * reports the repetition with its line.
 */
function readJson(text: string): ReadSource | undefined {
  if (!looksLikeJson(text)) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (hasDuplicateJsonKey(text)) return undefined;
  let locate: ReadSource['locate'] | undefined;
  return {
    value,
    problems: [],
    locate: (path) => {
      locate ??= readYaml(text).locate;
      return locate(path);
    },
  };
}

function readText(text: string): ReadSource {
  return readJson(text) ?? readYaml(text);
}

function readYaml(text: string): ReadSource {
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

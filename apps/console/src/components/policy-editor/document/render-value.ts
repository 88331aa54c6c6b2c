import { stringify } from 'yaml';

/** How a document is written: it stays in the notation its author chose. */
export type SourceFormat = 'yaml' | 'json';

export function detectSourceFormat(source: string): SourceFormat {
  return /^\s*[{[]/.test(source) ? 'json' : 'yaml';
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function pad(column: number): string {
  return ' '.repeat(column);
}

/**
 * A scalar quoted as the yaml package would quote it inside a flow collection, which is the
 * strictest context: the same text is then safe after a key, in a list, or in braces.
 */
function renderScalar(value: unknown, format: SourceFormat): string {
  if (format === 'json') return JSON.stringify(value) ?? 'null';
  const flow = stringify([value], { collectionStyle: 'flow', lineWidth: 0 }).trim();
  return flow.slice(1, -1).trim();
}

function renderKey(key: string, format: SourceFormat): string {
  return renderScalar(key, format);
}

/** One value on one line: `[a, "*.b"]`, `{ url: "" }`, or a scalar. */
export function renderInline(value: unknown, format: SourceFormat): string {
  if (Array.isArray(value))
    return `[${value.map((item) => renderInline(item, format)).join(', ')}]`;
  if (isPlainObject(value)) {
    const entries = Object.entries(value).map(
      ([key, child]) => `${renderKey(key, format)}: ${renderInline(child, format)}`,
    );
    return entries.length === 0 ? '{}' : `{ ${entries.join(', ')} }`;
  }
  return renderScalar(value, format);
}

/**
 * A `key: value` pair in block style whose key sits at `column`: mappings and lists of mappings
 * open on the following lines, everything else stays on the key's line.
 */
export function renderBlockPair(key: string, value: unknown, column: number): string {
  const head = `${renderKey(key, 'yaml')}:`;
  if (isPlainObject(value) && Object.keys(value).length > 0) {
    const lines = Object.entries(value).map(
      ([childKey, child]) => pad(column + 2) + renderBlockPair(childKey, child, column + 2),
    );
    return `${head}\n${lines.join('\n')}`;
  }
  if (Array.isArray(value) && value.some(isPlainObject)) {
    const items = value.map((item) => pad(column + 2) + renderBlockItem(item, column + 2));
    return `${head}\n${items.join('\n')}`;
  }
  return `${head} ${renderInline(value, 'yaml')}`;
}

/** A list item in block style whose dash sits at `column`. */
export function renderBlockItem(item: unknown, column: number): string {
  if (!isPlainObject(item) || Object.keys(item).length === 0) {
    return `- ${renderInline(item, 'yaml')}`;
  }
  // Inside a list item a nested mapping stays on its key's line (`server: { url: … }`).
  const pairs = Object.entries(item).map(([key, value]) =>
    isPlainObject(value)
      ? `${renderKey(key, 'yaml')}: ${renderInline(value, 'yaml')}`
      : renderBlockPair(key, value, column + 2),
  );
  return `- ${pairs.join(`\n${pad(column + 2)}`)}`;
}

/** A value inside a JSON collection whose entries start at `column`, in the file's own indent. */
export function renderJsonEntry(value: unknown, column: number, indent: number): string {
  return JSON.stringify(value, null, indent)
    .split('\n')
    .join(`\n${pad(column)}`);
}

/** The indent unit of a JSON file (the first indented line's), two spaces when it has none. */
export function detectJsonIndent(source: string): number {
  const match = /\n( +)\S/.exec(source);
  return match?.[1] === undefined ? 2 : Math.min(match[1].length, 8);
}

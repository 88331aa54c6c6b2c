import { detectSourceFormat } from './render-value';
import { type PolicySurface, policySurfaces } from './rule-fields';

/** Where one rule's mapping starts (after its dash) and ends (after its last line's newline). */
export interface RuleChunk {
  readonly from: number;
  readonly to: number;
}

export type RuleChunks = Record<PolicySurface, readonly RuleChunk[]>;

interface Line {
  readonly start: number;
  readonly end: number;
  readonly indent: number;
  readonly text: string;
}

function splitLines(source: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  while (start < source.length) {
    const newline = source.indexOf('\n', start);
    const end = newline === -1 ? source.length : newline + 1;
    const text = source.slice(start, newline === -1 ? source.length : newline);
    lines.push({ start, end, indent: text.length - text.trimStart().length, text });
    start = end;
  }
  return lines;
}

function isQuiet(line: Line): boolean {
  const content = line.text.trim();
  return content === '' || content.startsWith('#');
}

const dashLine = /^( *)-( +)\S/;
const blockScalarStart = /:\s*[|>][-+0-9]*\s*(#.*)?$/;

/** Reads one surface's `rules:` list; the index of the line after it, or undefined if unusual. */
function scanSurface(lines: Line[], first: number, items: RuleChunk[]): number | undefined {
  let index = first;
  while (index < lines.length && isQuiet(lines[index] as Line)) index += 1;
  const rules = lines[index];
  if (rules === undefined || rules.indent === 0 || !/^ *rules: *(#.*)?$/.test(rules.text)) return;
  index += 1;
  while (index < lines.length && isQuiet(lines[index] as Line)) index += 1;
  const firstItem = lines[index];
  const dash = firstItem === undefined ? null : dashLine.exec(firstItem.text);
  if (firstItem === undefined || dash === null || firstItem.indent < rules.indent) return;
  const dashColumn = firstItem.indent;
  let current: { from: number; to: number } | undefined;
  let blockScalar = false;
  for (; index < lines.length; index += 1) {
    const line = lines[index] as Line;
    // Inside a `|` or `>` text a line starting with # is text, not a comment: let the parser judge.
    if (blockScalar && line.indent > dashColumn && line.text.trim().startsWith('#')) return;
    if (isQuiet(line)) continue;
    if (blockScalarStart.test(line.text)) blockScalar = true;
    const itemDash = line.indent === dashColumn ? dashLine.exec(line.text) : null;
    if (itemDash !== null) {
      if (current !== undefined) items.push(current);
      blockScalar = blockScalarStart.test(line.text);
      current = { from: line.start + dashColumn + 1 + (itemDash[2]?.length ?? 0), to: line.end };
    } else if (line.indent > dashColumn && current !== undefined) {
      current.to = line.end;
    } else if (line.indent === 0) {
      break;
    } else {
      return;
    }
  }
  if (current !== undefined) items.push(current);
  return index;
}

/**
 * Finds every rule of a block-style YAML document with a line scan, a hundred times faster than
 * parsing it, so an edit of one rule re-reads only that rule. Anything unusual (JSON, flow
 * lists, tabs, unknown keys in a surface, an empty surface) answers undefined, and the caller
 * parses the whole document instead.
 */
export function scanRuleChunks(source: string): RuleChunks | undefined {
  if (detectSourceFormat(source) === 'json' || /[\t\r]/.test(source)) return;
  const lines = splitLines(source);
  const chunks: Record<PolicySurface, RuleChunk[]> = {
    network: [],
    filesystem: [],
    credentials: [],
    mcp: [],
  };
  const seen = new Set<string>();
  let index = 0;
  while (index < lines.length) {
    const line = lines[index] as Line;
    if (isQuiet(line) || line.indent > 0) {
      index += 1;
      continue;
    }
    const key = /^([A-Za-z_][\w-]*):(.*)$/.exec(line.text);
    if (key === null || seen.has(key[1] as string)) return;
    const name = key[1] as string;
    seen.add(name);
    if (!(policySurfaces as readonly string[]).includes(name)) {
      index += 1;
      continue;
    }
    if (!/^ *(#.*)?$/.test(key[2] ?? '')) return;
    const next = scanSurface(lines, index + 1, chunks[name as PolicySurface]);
    if (next === undefined) return;
    index = next;
  }
  return chunks;
}

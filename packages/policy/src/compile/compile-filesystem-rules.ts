import { type Decision, ruleDecision } from '../evaluate/decision';
import { PathTrie } from '../indexes/path-trie';
import type { FilesystemRule } from '../schema/filesystem-rule-schema';
import { parsePathPattern } from '../syntax/parse-path-pattern';
import type { RankedEntry, RuleOrigin } from './rule-origin';
import { unwrapParsed } from './unwrap-parsed';

export interface FilesystemEntry extends RankedEntry {
  readonly deny: boolean;
  readonly access: 'read' | 'write';
  readonly decision: Decision;
}

/**
 * Filesystem rules in one segment trie per root. Patterns under `~` and `:workspace` cannot be
 * resolved at compile time (each request brings its own home and workspace), so they are matched
 * against the part of the request path below that root.
 */
export class FilesystemIndex {
  readonly absolute = new PathTrie<FilesystemEntry>();
  readonly home = new PathTrie<FilesystemEntry>();
  readonly workspace = new PathTrie<FilesystemEntry>();
}

export function compileFilesystemRule(options: {
  index: FilesystemIndex;
  rule: FilesystemRule;
  origin: RuleOrigin;
}): void {
  const { index, rule, origin } = options;
  const entry: FilesystemEntry = {
    order: origin.order,
    layer: origin.layer,
    deny: rule.action === 'deny',
    access: rule.access,
    decision: ruleDecision(rule.action, origin.ruleId, origin.layerName, origin.mode),
  };
  for (const text of rule.paths) {
    const { pattern } = unwrapParsed(parsePathPattern(text), 'path pattern');
    index[pattern.root].add(pattern.segments, entry);
  }
}

import { compileWildcard, matchWildcard, type WildcardPattern } from '../syntax/match-wildcard';
import type { ListCollector } from './list-collector';

/**
 * A segment trie over path patterns. Literal segments are map lookups; segments with `*` are
 * matched as globs; `**` matches zero or more whole segments. A lookup follows only the branches
 * the path can take, so its cost depends on the path and the patterns near it, not on the number
 * of rules. Used for filesystem rules and for the paths of MCP server URLs.
 */
class PathTrieNode<T> {
  literal: Map<string, PathTrieNode<T>> | null = null;
  globs: { pattern: WildcardPattern; node: PathTrieNode<T> }[] | null = null;
  doubleStar: PathTrieNode<T> | null = null;
  values: T[] | null = null;

  child(segment: string): PathTrieNode<T> {
    if (segment === '**') {
      this.doubleStar ??= new PathTrieNode<T>();
      return this.doubleStar;
    }
    if (segment.includes('*')) {
      this.globs ??= [];
      let glob = this.globs.find((entry) => entry.pattern.source === segment);
      if (glob === undefined) {
        glob = { pattern: compileWildcard(segment), node: new PathTrieNode<T>() };
        this.globs.push(glob);
      }
      return glob.node;
    }
    this.literal ??= new Map();
    let next = this.literal.get(segment);
    if (next === undefined) {
      next = new PathTrieNode<T>();
      this.literal.set(segment, next);
    }
    return next;
  }
}

function collectFrom<T>(
  node: PathTrieNode<T>,
  segments: readonly string[],
  index: number,
  out: ListCollector<T>,
): void {
  if (node.doubleStar !== null) {
    // `**` consumes zero or more whole segments: `/a/**` matches `/a` itself and all below it.
    for (let end = index; end <= segments.length; end++)
      collectFrom(node.doubleStar, segments, end, out);
  }
  if (index === segments.length) {
    if (node.values !== null) out.add(node.values);
    return;
  }
  const segment = segments[index] ?? '';
  const literal = node.literal?.get(segment);
  if (literal !== undefined) collectFrom(literal, segments, index + 1, out);
  if (node.globs !== null) {
    for (const glob of node.globs) {
      if (matchWildcard(glob.pattern, segment)) collectFrom(glob.node, segments, index + 1, out);
    }
  }
}

export class PathTrie<T> {
  private readonly root = new PathTrieNode<T>();

  add(segments: readonly string[], value: T): void {
    let node = this.root;
    for (const segment of segments) node = node.child(segment);
    node.values ??= [];
    if (node.values[node.values.length - 1] !== value) node.values.push(value);
  }

  /** Adds the value list of every pattern matching `segments` from `start` on. */
  collect(segments: readonly string[], start: number, out: ListCollector<T>): void {
    collectFrom(this.root, segments, start, out);
  }
}

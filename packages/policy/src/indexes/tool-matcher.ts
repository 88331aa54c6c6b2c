import { compileWildcard, matchWildcard, type WildcardPattern } from '../syntax/match-wildcard';

/** A set of tool-name patterns: exact names in a hash set, `*` patterns checked one by one. */
export class ToolMatcher {
  private readonly exact = new Set<string>();
  private readonly wildcards: WildcardPattern[] = [];

  constructor(patterns: readonly string[]) {
    for (const pattern of patterns) {
      if (pattern.includes('*')) this.wildcards.push(compileWildcard(pattern));
      else this.exact.add(pattern);
    }
  }

  matches(tool: string): boolean {
    if (this.exact.has(tool)) return true;
    for (const wildcard of this.wildcards) if (matchWildcard(wildcard, tool)) return true;
    return false;
  }
}

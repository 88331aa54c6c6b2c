import { type Decision, ruleDecision } from '../evaluate/decision';
import { CommandTrie } from '../indexes/command-trie';
import { PathTrie } from '../indexes/path-trie';
import { ToolMatcher } from '../indexes/tool-matcher';
import type { McpRule } from '../schema/mcp-rule-schema';
import { parseMcpUrl } from '../syntax/parse-mcp-url';
import type { RankedEntry, RuleOrigin } from './rule-origin';
import { unwrapParsed } from './unwrap-parsed';

export interface McpEntry extends RankedEntry {
  readonly deny: boolean;
  /**
   * Tools this allow rule allows; null when it has no `tools` and so allows every tool. A rule
   * with `tools` but no `tools.allow` allows none directly (only its `ask` tools, after asking):
   * that is how a guardrail denies single tools without granting the rest of the server.
   */
  readonly allowTools: ToolMatcher | null;
  readonly askTools: ToolMatcher | null;
  readonly denyTools: ToolMatcher | null;
  /** The rule's own decision: allow for an allow rule, deny (the whole server) for a deny rule. */
  readonly decision: Decision;
  /** Reported when this allow rule's `tools.deny` or `tools.ask` decides. */
  readonly toolDeny: Decision;
  readonly toolAsk: Decision;
}

/**
 * MCP rules indexed by server identity: URL rules by origin (scheme, host, port) and then by
 * path in a segment trie; command rules in an argument trie. Names users give servers are never
 * part of the key.
 */
export class McpIndex {
  readonly urls = new Map<string, PathTrie<McpEntry>>();
  readonly commands = new CommandTrie<McpEntry>();
}

function matcherOf(patterns: readonly string[] | undefined): ToolMatcher | null {
  return patterns === undefined ? null : new ToolMatcher(patterns);
}

export function compileMcpRule(options: {
  index: McpIndex;
  rule: McpRule;
  origin: RuleOrigin;
}): void {
  const { index, rule, origin } = options;
  const tools = rule.action === 'allow' ? rule.tools : undefined;
  const entry: McpEntry = {
    order: origin.order,
    layer: origin.layer,
    deny: rule.action === 'deny',
    allowTools: tools === undefined ? null : new ToolMatcher(tools.allow ?? []),
    askTools: matcherOf(tools?.ask),
    denyTools: matcherOf(tools?.deny),
    decision: ruleDecision(rule.action, origin.ruleId, origin.layerName, origin.mode),
    toolDeny: ruleDecision('deny', origin.ruleId, origin.layerName, origin.mode),
    toolAsk: ruleDecision('ask', origin.ruleId, origin.layerName, origin.mode),
  };
  if (rule.server.url !== undefined) {
    const { url } = unwrapParsed(parseMcpUrl(rule.server.url), 'MCP server URL');
    let trie = index.urls.get(url.origin);
    if (trie === undefined) {
      trie = new PathTrie<McpEntry>();
      index.urls.set(url.origin, trie);
    }
    trie.add(url.segments, entry);
  } else if (rule.server.command !== undefined) {
    index.commands.add(rule.server.command, entry);
  }
}

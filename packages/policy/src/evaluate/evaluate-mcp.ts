import type { McpEntry, McpIndex } from '../compile/compile-mcp-rules';
import { ListCollector } from '../indexes/list-collector';
import { type Decision, invalidRequest } from './decision';
import type { EvaluationScope } from './evaluation-scope';
import { findUnknownField } from './find-unknown-field';
import { readMcpServer } from './read-mcp-server';

const FIELDS = new Set(['surface', 'server', 'tool']);
const lists = new ListCollector<McpEntry>();

function earlier(current: McpEntry | null, entry: McpEntry): boolean {
  return current === null || entry.order < current.order;
}

/**
 * For a tool: a deny anywhere (a deny rule on the server, or `tools.deny` of an allow rule) wins;
 * else an `ask`; else an allow rule whose tools include it. Without a tool, the question is
 * whether the server may be registered at all, which only deny and allow rules answer.
 */
function decide(tool: string | null, scope: EvaluationScope): Decision {
  let deny: McpEntry | null = null;
  let toolDeny = false;
  let ask: McpEntry | null = null;
  let allow: McpEntry | null = null;
  for (let listIndex = 0; listIndex < lists.count; listIndex++) {
    for (const entry of lists.lists[listIndex] ?? []) {
      if (scope.active[entry.layer] !== 1) continue;
      if (entry.deny) {
        if (earlier(deny, entry)) {
          deny = entry;
          toolDeny = false;
        }
      } else if (tool === null) {
        if (earlier(allow, entry)) allow = entry;
      } else if (entry.denyTools?.matches(tool)) {
        if (earlier(deny, entry)) {
          deny = entry;
          toolDeny = true;
        }
      } else if (entry.askTools?.matches(tool)) {
        if (earlier(ask, entry)) ask = entry;
      } else if (
        (entry.allowTools === null || entry.allowTools.matches(tool)) &&
        earlier(allow, entry)
      ) {
        allow = entry;
      }
    }
  }
  if (deny !== null) return toolDeny ? deny.toolDeny : deny.decision;
  if (ask !== null) return ask.toolAsk;
  return allow?.decision ?? scope.fallback;
}

export function evaluateMcp(
  index: McpIndex,
  request: Readonly<Record<string, unknown>>,
  scope: EvaluationScope,
): Decision {
  const unknown = findUnknownField(request, FIELDS);
  if (unknown !== null) return invalidRequest(scope.mode, unknown);
  const { tool } = request;
  if (tool !== undefined && (typeof tool !== 'string' || tool === '')) {
    return invalidRequest(scope.mode, 'tool must be a non-empty string');
  }
  const server = readMcpServer(request.server);
  if (typeof server === 'string') return invalidRequest(scope.mode, server);
  lists.reset();
  if (server.kind === 'url') index.urls.get(server.origin)?.collect(server.segments, 0, lists);
  else index.commands.collect(server.command, lists);
  return decide(tool ?? null, scope);
}

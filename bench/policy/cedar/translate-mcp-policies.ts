import type { McpRuleSpec } from '../types';
import { anyOf, cedarGlob, cedarLike, cedarString, principalScope } from './cedar-syntax';
import { commandServerKey, urlServerKey } from './mcp-server-key';

// Parapet MCP rules as Cedar policies, the way one would write them by hand:
// - resources are `Server::"<key>"` and `Tool::"<key>#<tool>"` (a tool's parent is its server),
//   actions are `Action::"register"` and `Action::"call"`;
// - a deny rule is one `forbid` on the whole server; an allow rule is one `permit` to register
//   the server and call its tools (all of them, or those matching its allow patterns with
//   `like`), plus a `forbid` on calls for `tools.deny` and, for `tools.ask`, a `permit` whose id
//   starts with "ask-" (Cedar has no third decision, so an allow whose determining policies
//   include an ask policy is read as ask);
// - a command ending in "**" matches its prefix exactly or `like` the prefix plus more arguments.
export function translateMcpPolicies({
  rules,
}: {
  rules: readonly McpRuleSpec[];
}): Record<string, string> {
  const policies: Record<string, string> = {};
  for (const rule of rules) {
    const principal = principalScope(rule.origin);
    const { scope, condition } = serverMatch(rule);
    const when = (extra?: string) => {
      const parts = [condition, extra].filter((part): part is string => part !== undefined);
      return parts.length > 0 ? ` when { ${parts.join(' && ')} }` : '';
    };
    if (rule.action === 'deny') {
      policies[rule.id] = `forbid(${principal}, action, ${scope})${when()};`;
      continue;
    }
    const both = 'action in [Action::"register", Action::"call"]';
    const call = 'action == Action::"call"';
    const { allow, ask, deny } = rule.tools ?? {};
    policies[rule.id] = rule.tools
      ? `permit(${principal}, ${both}, ${scope})${when(`(action == Action::"register" || ${allow?.length ? toolNames(allow) : 'false'})`)};`
      : `permit(${principal}, ${both}, ${scope})${when()};`;
    if (ask?.length)
      policies[`ask-${rule.id}`] =
        `permit(${principal}, ${call}, ${scope})${when(toolNames(ask))};`;
    if (deny?.length)
      policies[`${rule.id}:deny`] =
        `forbid(${principal}, ${call}, ${scope})${when(toolNames(deny))};`;
  }
  return policies;
}

function toolNames(patterns: readonly string[]): string {
  return anyOf(
    patterns.map((pattern) =>
      pattern.includes('*')
        ? `resource.name like ${cedarGlob(pattern)}`
        : `resource.name == ${cedarString(pattern)}`,
    ),
  );
}

function serverMatch(rule: McpRuleSpec): { scope: string; condition?: string } {
  if ('url' in rule.server) {
    const key = urlServerKey(rule.server.url);
    if (!key) throw new Error(`bad url ${rule.server.url}`);
    return { scope: `resource in Server::${cedarString(key)}` };
  }
  const command = rule.server.command;
  if (command.at(-1) !== '**')
    return { scope: `resource in Server::${cedarString(commandServerKey(command))}` };
  const exact = commandServerKey(command.slice(0, -1));
  const prefix = `${exact.slice(0, -1)},`;
  return {
    scope: 'resource',
    condition: `(resource.serverKey == ${cedarString(exact)} || resource.serverKey like ${cedarLike({ literal: prefix, tail: true })})`,
  };
}

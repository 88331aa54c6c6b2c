import type { Random } from './create-random';
import { pickGroups } from './pick-groups';
import type {
  BenchRequest,
  McpRequest,
  McpRuleSpec,
  McpServerSpec,
  RequestGeneratorOptions,
} from './types';
import { MISS_TLDS, TOOL_NOUNS, TOOL_VERBS, WORDS } from './words';

// The server as a client would send it: urls sometimes with the default port spelled out or the
// trailing slash toggled, commands with a "**" tail given zero to two extra arguments.
function serverFor({ random, server }: { random: Random; server: McpServerSpec }): McpServerSpec {
  if ('url' in server) {
    if (random.chance(0.2))
      return { url: server.url.replace(/^https:\/\/([^/]+)/, 'https://$1:443') };
    if (random.chance(0.2))
      return { url: server.url.endsWith('/') ? server.url.slice(0, -1) : `${server.url}/` };
    return server;
  }
  if (server.command.at(-1) !== '**') return server;
  const extra = Array.from({ length: random.int(0, 2) }, () => `--${random.pick(WORDS)}`);
  return { command: [...server.command.slice(0, -1), ...extra] };
}

function toolFor({ random, rule }: { random: Random; rule: McpRuleSpec }): string | undefined {
  if (random.chance(0.2)) return undefined;
  const listed = [
    ...(rule.tools?.allow ?? []),
    ...(rule.tools?.ask ?? []),
    ...(rule.tools?.deny ?? []),
  ];
  if (listed.length > 0 && random.chance(0.7))
    return random.pick(listed).replace('*', random.pick(TOOL_NOUNS));
  return `${random.pick(TOOL_VERBS)}_${random.pick(TOOL_NOUNS)}`;
}

function hit({
  random,
  rule,
  groups,
}: {
  random: Random;
  rule: McpRuleSpec;
  groups: readonly string[];
}) {
  const request: McpRequest = {
    surface: 'mcp',
    server: serverFor({ random, server: rule.server }),
  };
  const tool = toolFor({ random, rule });
  if (tool) request.tool = tool;
  return {
    request,
    groups: pickGroups({ random, groups, include: rule.origin.group }),
    intended: 'hit' as const,
  };
}

function miss({
  random,
  groups,
  serial,
}: {
  random: Random;
  groups: readonly string[];
  serial: number;
}) {
  const word = random.pick(WORDS);
  const server: McpServerSpec = random.chance(0.6)
    ? { url: `https://mcp.${word}${serial}.${random.pick(MISS_TLDS)}/mcp` }
    : { command: ['npx', '-y', `@unvetted/${word}-${serial}-mcp`] };
  const request: McpRequest = { surface: 'mcp', server };
  if (random.chance(0.8)) request.tool = `${random.pick(TOOL_VERBS)}_${random.pick(TOOL_NOUNS)}`;
  return { request, groups: pickGroups({ random, groups }), intended: 'miss' as const };
}

export function generateMcpRequests({
  random,
  model,
  count,
}: RequestGeneratorOptions): BenchRequest<McpRequest>[] {
  return Array.from({ length: count }, (_, index) =>
    index % 2 === 0
      ? hit({ random, rule: random.pick(model.mcp), groups: model.groups })
      : miss({ random, groups: model.groups, serial: index }),
  );
}

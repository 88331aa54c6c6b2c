import type { Random } from './create-random';
import { DENY_SHARE, type NameSerial } from './generate-network-rules';
import type { McpRuleSpec, McpServerSpec, McpToolsSpec, RuleOrigin } from './types';
import { RULE_TLDS, TOOL_NOUNS, WORDS } from './words';

// MCP servers as people register them: remote servers by url, local ones by the command that
// starts them (some pinned exactly, some allowing trailing arguments with a final "**").
export function generateMcpServer({
  random,
  serial,
}: {
  random: Random;
  serial: NameSerial;
}): McpServerSpec {
  const word = random.pick(WORDS);
  const n = serial.next();
  const roll = random.next();
  if (roll < 0.3) return { url: `https://mcp.${word}-${n}.${random.pick(RULE_TLDS)}/mcp` };
  if (roll < 0.55) return { url: `https://${word}-${n}.${random.pick(RULE_TLDS)}/v1/mcp/` };
  if (roll < 0.7) return { command: ['npx', '-y', `@${random.pick(WORDS)}/${word}-${n}-mcp`] };
  if (roll < 0.85) return { command: ['uvx', `${word}-${n}-mcp`, '**'] };
  if (roll < 0.95) {
    return {
      command: ['docker', 'run', '-i', '--rm', `ghcr.io/${random.pick(WORDS)}/${word}-${n}`],
    };
  }
  return { command: ['node', `/opt/mcp/${word}-${n}/server.js`] };
}

function tools({ random }: { random: Random }): McpToolsSpec | undefined {
  if (random.chance(0.4)) return undefined;
  const allow = random.sample(['get_*', 'list_*', 'search_*'], random.int(1, 3));
  if (random.chance(0.3)) allow.push(`update_${random.pick(TOOL_NOUNS)}`);
  const spec: McpToolsSpec = { allow };
  if (random.chance(0.3)) spec.ask = random.chance(0.5) ? ['create_*'] : ['send_message'];
  if (random.chance(0.3)) spec.deny = ['delete_*'];
  return spec;
}

// A guardrail that keeps a server but forbids its destructive tools for everyone.
function guardTools({ random }: { random: Random }): McpToolsSpec {
  return { allow: random.sample(['get_*', 'list_*'], 1), deny: ['delete_*', 'run_*'] };
}

export function generateMcpRules({
  random,
  origin,
  count,
  id,
  servers,
}: {
  random: Random;
  origin: RuleOrigin;
  count: number;
  id: () => string;
  servers: { fresh(): McpServerSpec; reused(): McpServerSpec };
}): McpRuleSpec[] {
  return Array.from({ length: count }, () => {
    const server = random.chance(0.3) ? servers.reused() : servers.fresh();
    const denyShare = origin.layer === 'guardrails' ? 0.5 : DENY_SHARE[origin.layer] / 2;
    if (random.chance(denyShare)) return { id: id(), action: 'deny', server, origin };
    const rule: McpRuleSpec = { id: id(), action: 'allow', server, origin };
    const toolSpec = origin.layer === 'guardrails' ? guardTools({ random }) : tools({ random });
    if (toolSpec) rule.tools = toolSpec;
    return rule;
  });
}

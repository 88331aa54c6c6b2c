import type { PolicyMode } from '../evaluate/decision';
import type { CredentialRule } from '../schema/credential-rule-schema';
import type { FilesystemRule } from '../schema/filesystem-rule-schema';
import type { McpRule } from '../schema/mcp-rule-schema';
import type { NetworkRule } from '../schema/network-rule-schema';
import { parseCidr } from '../syntax/parse-cidr';
import { parseDuration } from '../syntax/parse-duration';
import {
  formatHostPattern,
  type HostPatternPlace,
  parseHostPattern,
} from '../syntax/parse-host-pattern';
import { formatMcpUrl, parseMcpUrl } from '../syntax/parse-mcp-url';
import { formatPathPattern, parsePathPattern } from '../syntax/parse-path-pattern';
import { formatPortRange, parsePortSpec } from '../syntax/parse-port-spec';
import type { PolicyLayer } from './read-policy-layers';
import { unwrapParsed } from './unwrap-parsed';

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/**
 * The effective policy: every rule of every layer in evaluation order, normalised (punycode
 * hosts, canonical CIDRs and ports, absolute URL identities), each with its provenance — the
 * layer and rule id every decision reports. Plain JSON with a fixed key order and no
 * timestamps, so the same input always yields byte-identical output for a signed bundle.
 */
export interface EffectivePolicy {
  readonly format: 'parapet.effective-policy/v1';
  readonly defaultMode: PolicyMode;
  readonly layers: readonly { readonly layer: string; readonly mode: PolicyMode }[];
  readonly network: readonly JsonObject[];
  readonly filesystem: readonly JsonObject[];
  readonly credentials: readonly JsonObject[];
  readonly mcp: readonly JsonObject[];
}

function unique(values: Json[]): Json[] {
  const seen = new Set<string>();
  return values.filter((value) => {
    const key = JSON.stringify(value);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function hosts(patterns: readonly string[], place: HostPatternPlace): Json[] {
  return unique(
    patterns.map((text) =>
      formatHostPattern(unwrapParsed(parseHostPattern(text, place), 'host').pattern),
    ),
  );
}

function cidrs(entries: readonly string[]): Json[] {
  return unique(entries.map((text) => unwrapParsed(parseCidr(text), 'CIDR').canonical));
}

function provenance(
  layer: PolicyLayer,
  rule: {
    id: string;
    action: string;
    mode?: PolicyMode | undefined;
    description?: string | undefined;
  },
): JsonObject {
  return {
    layer: layer.name,
    id: rule.id,
    action: rule.action,
    mode: rule.mode ?? layer.mode,
    ...(rule.description === undefined ? {} : { description: rule.description }),
  };
}

function networkRule(layer: PolicyLayer, rule: NetworkRule): JsonObject {
  const result = provenance(layer, rule);
  if (rule.hosts !== undefined) result.hosts = hosts(rule.hosts, rule.action);
  if (rule.cidrs !== undefined) result.cidrs = cidrs(rule.cidrs);
  if (rule.ports !== undefined) {
    result.ports = unique(
      rule.ports.map((spec) => formatPortRange(unwrapParsed(parsePortSpec(spec), 'port').range)),
    );
  }
  if (rule.action === 'deny' && rule.except !== undefined) {
    result.except = unique(
      rule.except.map((text) =>
        text.includes('/') ? (cidrs([text])[0] ?? text) : (hosts([text], 'except')[0] ?? text),
      ),
    );
  }
  return result;
}

function filesystemRule(layer: PolicyLayer, rule: FilesystemRule): JsonObject {
  const paths = rule.paths.map((text) =>
    formatPathPattern(unwrapParsed(parsePathPattern(text), 'path').pattern),
  );
  return { ...provenance(layer, rule), access: rule.access, paths: unique(paths) };
}

function credentialRule(layer: PolicyLayer, rule: CredentialRule): JsonObject {
  const result: JsonObject = { ...provenance(layer, rule), credential: rule.credential };
  if (rule.destinations !== undefined)
    result.destinations = hosts(rule.destinations, 'destination');
  if (rule.action === 'allow') {
    result.ttlSeconds =
      rule.ttl === undefined ? 3600 : unwrapParsed(parseDuration(rule.ttl), 'ttl').seconds;
  }
  return result;
}

function mcpRule(layer: PolicyLayer, rule: McpRule): JsonObject {
  const server: JsonObject =
    rule.server.url !== undefined
      ? { url: formatMcpUrl(unwrapParsed(parseMcpUrl(rule.server.url), 'URL').url) }
      : { command: [...(rule.server.command ?? [])] };
  const result: JsonObject = { ...provenance(layer, rule), server };
  if (rule.action === 'allow' && rule.tools !== undefined) {
    const tools: JsonObject = {};
    for (const key of ['allow', 'ask', 'deny'] as const) {
      const list = rule.tools[key];
      if (list !== undefined) tools[key] = unique([...list]);
    }
    result.tools = tools;
  }
  return result;
}

export function buildEffectivePolicy(layers: readonly PolicyLayer[]): EffectivePolicy {
  return {
    format: 'parapet.effective-policy/v1',
    defaultMode: layers.find((layer) => layer.name === 'guardrails')?.mode ?? 'enforce',
    layers: layers.map((layer) => ({ layer: layer.name, mode: layer.mode })),
    network: layers.flatMap((layer) =>
      (layer.document.network?.rules ?? []).map((rule) => networkRule(layer, rule)),
    ),
    filesystem: layers.flatMap((layer) =>
      (layer.document.filesystem?.rules ?? []).map((rule) => filesystemRule(layer, rule)),
    ),
    credentials: layers.flatMap((layer) =>
      (layer.document.credentials?.rules ?? []).map((rule) => credentialRule(layer, rule)),
    ),
    mcp: layers.flatMap((layer) =>
      (layer.document.mcp?.rules ?? []).map((rule) => mcpRule(layer, rule)),
    ),
  };
}

import type { PolicyIndexes } from '../evaluate/evaluate-request';
import { compileCredentialRule } from './compile-credential-rules';
import { compileFilesystemRule, FilesystemIndex } from './compile-filesystem-rules';
import { compileMcpRule, McpIndex } from './compile-mcp-rules';
import { compileNetworkRule, NetworkIndex } from './compile-network-rules';
import type { PolicyLayer } from './read-policy-layers';
import type { RuleOrigin } from './rule-origin';

/**
 * Builds one index per surface over the rules of every layer. Rules are added in layer order
 * and then rule order, so every list in every index is sorted by `order` as it is built; the
 * evaluator relies on that to stop at the first match.
 */
export function buildPolicyIndexes(layers: readonly PolicyLayer[]): PolicyIndexes {
  const indexes: PolicyIndexes = {
    network: new NetworkIndex(),
    filesystem: new FilesystemIndex(),
    credentials: new Map(),
    mcp: new McpIndex(),
  };
  let order = 0;
  const originOf = (
    layer: PolicyLayer,
    rule: { id: string; mode?: RuleOrigin['mode'] | undefined },
  ) => ({
    order: order++,
    layer: layer.index,
    layerName: layer.name,
    ruleId: rule.id,
    mode: rule.mode ?? layer.mode,
  });
  for (const layer of layers) {
    const { document } = layer;
    for (const rule of document.network?.rules ?? []) {
      compileNetworkRule({ index: indexes.network, rule, origin: originOf(layer, rule) });
    }
    for (const rule of document.filesystem?.rules ?? []) {
      compileFilesystemRule({ index: indexes.filesystem, rule, origin: originOf(layer, rule) });
    }
    for (const rule of document.credentials?.rules ?? []) {
      compileCredentialRule({ index: indexes.credentials, rule, origin: originOf(layer, rule) });
    }
    for (const rule of document.mcp?.rules ?? []) {
      compileMcpRule({ index: indexes.mcp, rule, origin: originOf(layer, rule) });
    }
  }
  return indexes;
}

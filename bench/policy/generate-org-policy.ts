import { createRandom, type Random } from './create-random';
import { generateCredentialRules } from './generate-credential-rules';
import { generateFilesystemRules } from './generate-filesystem-rules';
import { generateMcpRules, generateMcpServer } from './generate-mcp-rules';
import { generateNetworkRules } from './generate-network-rules';
import type { McpServerSpec, OrgPolicyModel, RuleOrigin, SurfaceCounts } from './types';
import { GROUPS } from './words';

// Rules per layer and surface. Guardrails are short, the baseline is long, and each of the eight
// groups adds its own slice; the totals are 4,100 network, 2,600 filesystem, 990 credential and
// 2,310 MCP rules: 10,000 in all.
export const LAYER_COUNTS: {
  guardrails: SurfaceCounts;
  baseline: SurfaceCounts;
  group: SurfaceCounts;
} = {
  guardrails: { network: 200, filesystem: 100, credentials: 50, mcp: 150 },
  baseline: { network: 1500, filesystem: 900, credentials: 300, mcp: 800 },
  group: { network: 300, filesystem: 200, credentials: 80, mcp: 170 },
};

function createServerPool({ random }: { random: Random }) {
  let serial = 0;
  const used: McpServerSpec[] = [];
  const nameSerial = { next: () => ++serial };
  const fresh = () => {
    const server = generateMcpServer({ random, serial: nameSerial });
    used.push(server);
    return server;
  };
  return { fresh, reused: () => (used.length > 0 ? random.pick(used) : fresh()) };
}

export function generateOrgPolicy({ seed }: { seed: number }): OrgPolicyModel {
  const random = createRandom({ seed });
  let nameCounter = 0;
  const serial = { next: () => ++nameCounter };
  const counters = { net: 0, fs: 0, cred: 0, mcp: 0 };
  const idFor = (prefix: keyof typeof counters) => () => `${prefix}-${++counters[prefix]}`;
  const servers = createServerPool({ random });
  const model: OrgPolicyModel = {
    groups: GROUPS,
    network: [],
    filesystem: [],
    credentials: [],
    mcp: [],
  };

  const origins: Array<{ origin: RuleOrigin; counts: SurfaceCounts }> = [
    { origin: { layer: 'guardrails' }, counts: LAYER_COUNTS.guardrails },
    { origin: { layer: 'baseline' }, counts: LAYER_COUNTS.baseline },
    ...GROUPS.map((group) => ({
      origin: { layer: 'group' as const, group },
      counts: LAYER_COUNTS.group,
    })),
  ];
  for (const { origin, counts } of origins) {
    const common = { random, serial, origin };
    model.network.push(
      ...generateNetworkRules({ ...common, count: counts.network, id: idFor('net') }),
    );
    model.filesystem.push(
      ...generateFilesystemRules({ ...common, count: counts.filesystem, id: idFor('fs') }),
    );
    model.credentials.push(
      ...generateCredentialRules({ ...common, count: counts.credentials, id: idFor('cred') }),
    );
    model.mcp.push(
      ...generateMcpRules({ random, origin, count: counts.mcp, id: idFor('mcp'), servers }),
    );
  }
  return model;
}

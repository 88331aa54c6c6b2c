import { getCedarVersion } from '@cedar-policy/cedar-wasm/nodejs';
import { compilePolicy } from '@parapet/policy';
import {
  buildPolicyDocuments,
  parseYamlSources,
  toJsonSources,
  toYamlSources,
} from './build-policy-documents';
import { buildMcpQuery, buildNetworkQuery } from './cedar/build-cedar-requests';
import { createCedarAuthorizer } from './cedar/create-cedar-authorizer';
import { translateMcpPolicies } from './cedar/translate-mcp-policies';
import { translateNetworkPolicies } from './cedar/translate-network-policies';
import { createRandom } from './create-random';
import { formatReport } from './format-report';
import { generateFilesystemRequests } from './generate-filesystem-requests';
import { generateMcpRequests } from './generate-mcp-requests';
import { generateNetworkRequests } from './generate-network-requests';
import { generateOrgPolicy } from './generate-org-policy';
import { measureCedarSurface } from './measure-cedar-surface';
import { measureCompile } from './measure-compile';
import { measureTimerOverhead } from './measure-latency';
import { measureParapetSurface } from './measure-parapet-surface';
import { describeAffinity, pinToOneCore } from './pin-to-one-core';

// `pnpm bench:policy`: builds a seeded synthetic org policy of 10,000 rules, measures Parapet's
// compile time and single-core decision throughput and latency per surface, runs the same
// network and MCP decisions through Cedar, prints a table and, as its last line, one JSON object.
pinToOneCore();

const SEED = 20_240_601;
const REQUESTS_PER_SURFACE = 65_536;
const PARAPET = { warmupMs: 500, durationMs: 2000, latencySamples: 200_000 };
// Cedar needs milliseconds per decision at this size: a few seconds give a few hundred calls,
// enough for a stable rate and a meaningful agreement sample. PARAPET_BENCH_CEDAR_CALLS raises
// the minimum number of Cedar calls (and so the agreement sample) when there is time.
const CEDAR = {
  warmupMs: 300,
  durationMs: 4000,
  minCalls: Number(process.env.PARAPET_BENCH_CEDAR_CALLS ?? 200),
};

const log = (text: string) => process.stderr.write(`${text}\n`);

const model = generateOrgPolicy({ seed: SEED });
const documents = buildPolicyDocuments({ model });
const yamlSources = toYamlSources({ documents });
const jsonSources = toJsonSources({ documents });

log('compiling…');
const compile = measureCompile({ compile: compilePolicy, sources: documents, runs: 7 });
const compileFromJson = measureCompile({ compile: compilePolicy, sources: jsonSources, runs: 5 });
const compileFromYaml = measureCompile({ compile: compilePolicy, sources: yamlSources, runs: 3 });
const yamlParseAlone = measureCompile({ compile: parseYamlSources, sources: yamlSources, runs: 3 });
const policy = compilePolicy(structuredClone(documents));

const random = createRandom({ seed: SEED + 1 });
const requests = {
  network: generateNetworkRequests({ random, model, count: REQUESTS_PER_SURFACE }),
  filesystem: generateFilesystemRequests({ random, model, count: REQUESTS_PER_SURFACE }),
  mcp: generateMcpRequests({ random, model, count: REQUESTS_PER_SURFACE }),
};

const timerOverheadMicros = measureTimerOverhead();
log('measuring Parapet…');
const parapet = {
  network: measureParapetSurface({ policy, requests: requests.network, ...PARAPET }),
  filesystem: measureParapetSurface({ policy, requests: requests.filesystem, ...PARAPET }),
  mcp: measureParapetSurface({ policy, requests: requests.mcp, ...PARAPET }),
};

function prepareCedar(id: string, policies: Record<string, string>) {
  const start = process.hrtime.bigint();
  const authorizer = createCedarAuthorizer({ id, policies });
  return { authorizer, preparseMs: Number(process.hrtime.bigint() - start) / 1e6 };
}

log('measuring Cedar…');
const cedarNetwork = prepareCedar('network', translateNetworkPolicies({ rules: model.network }));
const cedarMcp = prepareCedar('mcp', translateMcpPolicies({ rules: model.mcp }));
const cedar = {
  network: {
    ...measureCedarSurface({
      authorizer: cedarNetwork.authorizer,
      buildQuery: buildNetworkQuery,
      requests: requests.network,
      parapetDecisions: parapet.network.decisions,
      ...CEDAR,
    }),
    policies: cedarNetwork.authorizer.policyCount,
    preparseMs: cedarNetwork.preparseMs,
  },
  mcp: {
    ...measureCedarSurface({
      authorizer: cedarMcp.authorizer,
      buildQuery: buildMcpQuery,
      requests: requests.mcp,
      parapetDecisions: parapet.mcp.decisions,
      ...CEDAR,
    }),
    policies: cedarMcp.authorizer.policyCount,
    preparseMs: cedarMcp.preparseMs,
  },
};

const { lines, summary } = formatReport({
  seed: SEED,
  node: process.version,
  cpu: describeAffinity(),
  cedarVersion: getCedarVersion(),
  timerOverheadMicros,
  rulesBySurface: {
    network: model.network.length,
    filesystem: model.filesystem.length,
    credentials: model.credentials.length,
    mcp: model.mcp.length,
  },
  layers: `guardrails + baseline + ${model.groups.length} groups`,
  compile,
  compileFromJson,
  compileFromYaml,
  yamlParseAlone,
  parapet,
  cedar,
});
process.stdout.write(`${lines.join('\n')}\n${JSON.stringify(summary)}\n`);

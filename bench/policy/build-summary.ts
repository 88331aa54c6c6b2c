import type { BenchFigures } from './format-report';

export const TARGETS = { networkDecisionsPerSec: 1_000_000, compileMs: 200, mcpRatioVsCedar: 10 };

const round = (value: number) => Math.round(value * 100) / 100;

// The machine-readable result: the benchmark's last output line.
export function buildSummary(figures: BenchFigures) {
  const { parapet, cedar } = figures;
  const rules = Object.values(figures.rulesBySurface).reduce((sum, count) => sum + count, 0);
  const mcpRatio = parapet.mcp.throughput.perSecond / cedar.mcp.throughput.perSecond;
  const networkRatio = parapet.network.throughput.perSecond / cedar.network.throughput.perSecond;
  const mcpAgrees = cedar.mcp.sampled > 0 && cedar.mcp.agreed === cedar.mcp.sampled;
  const perSurface = (pick: (result: (typeof parapet)['network']) => number) => ({
    network: round(pick(parapet.network)),
    filesystem: round(pick(parapet.filesystem)),
    mcp: round(pick(parapet.mcp)),
  });
  return {
    rules,
    rulesBySurface: figures.rulesBySurface,
    compileMs: round(figures.compile.medianMs),
    compileCpuMs: round(figures.compile.medianCpuMs),
    compileFromJsonMs: round(figures.compileFromJson.medianMs),
    compileFromYamlMs: round(figures.compileFromYaml.medianMs),
    yamlParseAloneMs: round(figures.yamlParseAlone.medianMs),
    networkDecisionsPerSec: Math.round(parapet.network.throughput.perSecond),
    fsDecisionsPerSec: Math.round(parapet.filesystem.throughput.perSecond),
    mcpDecisionsPerSec: Math.round(parapet.mcp.throughput.perSecond),
    decisionsPerCpuSec: perSurface((result) => Math.round(result.throughput.perCpuSecond)),
    p99Micros: perSurface((result) => result.latency.p99Micros),
    p50Micros: perSurface((result) => result.latency.p50Micros),
    matchedShare: perSurface((result) => result.hitShare),
    cedar: {
      networkDecisionsPerSec: round(cedar.network.throughput.perSecond),
      mcpDecisionsPerSec: round(cedar.mcp.throughput.perSecond),
      decisionsPerCpuSec: {
        network: round(cedar.network.throughput.perCpuSecond),
        mcp: round(cedar.mcp.throughput.perCpuSecond),
      },
      p99Micros: {
        network: round(cedar.network.latency.p99Micros),
        mcp: round(cedar.mcp.latency.p99Micros),
      },
      policies: { network: cedar.network.policies, mcp: cedar.mcp.policies },
    },
    mcpRatioVsCedar: round(mcpRatio),
    networkRatioVsCedar: round(networkRatio),
    agreement: {
      mcp: { sampled: cedar.mcp.sampled, agreed: cedar.mcp.agreed },
      network: { sampled: cedar.network.sampled, agreed: cedar.network.agreed },
    },
    targets: {
      networkDecisionsPerSec: {
        target: TARGETS.networkDecisionsPerSec,
        pass: parapet.network.throughput.perSecond >= TARGETS.networkDecisionsPerSec,
      },
      compileMs: { target: TARGETS.compileMs, pass: figures.compile.medianMs < TARGETS.compileMs },
      mcpRatioVsCedar: {
        target: TARGETS.mcpRatioVsCedar,
        pass: mcpAgrees && mcpRatio >= TARGETS.mcpRatioVsCedar,
      },
    },
    cpu: figures.cpu,
    node: figures.node,
    seed: figures.seed,
  };
}

export type Summary = ReturnType<typeof buildSummary>;

import { buildSummary, type Summary } from './build-summary';
import type { CedarSurfaceResult } from './measure-cedar-surface';
import type { CompileFigure } from './measure-compile';
import type { SurfaceResult } from './measure-parapet-surface';

export interface BenchFigures {
  seed: number;
  node: string;
  cpu: string;
  cedarVersion: string;
  timerOverheadMicros: number;
  rulesBySurface: Record<'network' | 'filesystem' | 'credentials' | 'mcp', number>;
  layers: string;
  compile: CompileFigure;
  compileFromJson: CompileFigure;
  compileFromYaml: CompileFigure;
  yamlParseAlone: CompileFigure;
  parapet: { network: SurfaceResult; filesystem: SurfaceResult; mcp: SurfaceResult };
  cedar: {
    network: CedarSurfaceResult & { policies: number; preparseMs: number };
    mcp: CedarSurfaceResult & { policies: number; preparseMs: number };
  };
}

const int = (value: number) => Math.round(value).toLocaleString('en-US');
const fixed = (value: number, digits = 1) => value.toFixed(digits);
const verdict = (pass: boolean) => (pass ? 'PASS' : 'FAIL');

function row(cells: {
  name: string;
  requests: number;
  matched?: number;
  perSecond: number;
  perCpuSecond: number;
  p50: number;
  p99: number;
  note?: string;
}): string {
  return [
    cells.name.padEnd(20),
    int(cells.requests).padStart(8),
    (cells.matched === undefined ? '' : `${fixed(cells.matched * 100)}%`).padStart(7),
    int(cells.perSecond).padStart(13),
    int(cells.perCpuSecond).padStart(13),
    fixed(cells.p50, 2).padStart(9),
    fixed(cells.p99, 2).padStart(9),
    cells.note ? `  ${cells.note}` : '',
  ].join(' ');
}

function parapetRow(name: string, result: SurfaceResult, note?: string): string {
  const { throughput, latency } = result;
  return row({
    name,
    requests: result.requests,
    matched: result.hitShare,
    perSecond: throughput.perSecond,
    perCpuSecond: throughput.perCpuSecond,
    p50: latency.p50Micros,
    p99: latency.p99Micros,
    note,
  });
}

function cedarRow(name: string, result: CedarSurfaceResult): string {
  const { throughput, latency } = result;
  const note = `${int(result.sampled)} calls`;
  return row({
    name,
    requests: result.sampled,
    perSecond: throughput.perSecond,
    perCpuSecond: throughput.perCpuSecond,
    p50: latency.p50Micros,
    p99: latency.p99Micros,
    note,
  });
}

function agreement(result: CedarSurfaceResult): string {
  return `${int(result.agreed)}/${int(result.sampled)} (${fixed((100 * result.agreed) / Math.max(1, result.sampled), 2)}%)`;
}

// Wall-clock and CPU-time rates agree on a quiet core; when they do not, say so, because the
// wall-clock figure (the one held to the target) then measures the machine, not the engine.
function contentionLines(parapet: BenchFigures['parapet']): string[] {
  const shares = Object.entries(parapet).map(
    ([surface, result]) =>
      [surface, result.throughput.perSecond / result.throughput.perCpuSecond] as const,
  );
  const worst = Math.min(...shares.map(([, share]) => share));
  if (worst >= 0.85) return [];
  const detail = shares
    .map(([surface, share]) => `${surface} ${fixed(share * 100, 0)}%`)
    .join(', ');
  return [
    `warning: the pinned core was shared with other processes (wall-clock rate as a share of the CPU-time rate: ${detail}); rerun on a quiet machine for the wall-clock figures`,
  ];
}

function tableLines(figures: BenchFigures, summary: Summary): string[] {
  const { parapet, cedar, rulesBySurface: by } = figures;
  const { targets } = summary;
  return [
    `Parapet policy benchmark — ${int(summary.rules)} rules (network ${int(by.network)}, filesystem ${int(by.filesystem)}, credentials ${int(by.credentials)}, mcp ${int(by.mcp)}) in ${figures.layers}`,
    `seed ${figures.seed} · node ${figures.node} · ${figures.cpu} · cedar-wasm ${figures.cedarVersion} · clock read ~${fixed(figures.timerOverheadMicros * 1000, 0)} ns per timed call (included in latencies)`,
    '',
    `compile (parsed documents, median of ${figures.compile.runsMs.length})  ${fixed(figures.compile.medianMs).padStart(8)} ms   target < ${targets.compileMs.target} ms   ${verdict(targets.compileMs.pass)}   (CPU time ${fixed(figures.compile.medianCpuMs)} ms)`,
    `compile (JSON text, median of ${figures.compileFromJson.runsMs.length})         ${fixed(figures.compileFromJson.medianMs).padStart(8)} ms   (information)`,
    `compile (YAML text, median of ${figures.compileFromYaml.runsMs.length})         ${fixed(figures.compileFromYaml.medianMs).padStart(8)} ms   (information; the yaml package's parse alone: ${fixed(figures.yamlParseAlone.medianMs)} ms)`,
    '',
    `${'engine / surface'.padEnd(20)} ${'requests'.padStart(8)} ${'matched'.padStart(7)} ${'decisions/s'.padStart(13)} ${'per CPU-s'.padStart(13)} ${'p50 µs'.padStart(9)} ${'p99 µs'.padStart(9)}`,
    parapetRow(
      'parapet network',
      parapet.network,
      `target ≥ ${int(targets.networkDecisionsPerSec.target)}/s   ${verdict(targets.networkDecisionsPerSec.pass)}`,
    ),
    parapetRow('parapet filesystem', parapet.filesystem),
    parapetRow('parapet mcp', parapet.mcp),
    cedarRow('cedar network', cedar.network),
    cedarRow('cedar mcp', cedar.mcp),
    ...contentionLines(parapet),
    '',
    `cedar policies: network ${int(cedar.network.policies)} (prepared in ${fixed(cedar.network.preparseMs)} ms), mcp ${int(cedar.mcp.policies)} (prepared in ${fixed(cedar.mcp.preparseMs)} ms); evaluation errors: ${cedar.network.evaluationErrors + cedar.mcp.evaluationErrors}`,
    `agreement with Cedar: mcp ${agreement(cedar.mcp)}, network ${agreement(cedar.network)}`,
    `mcp throughput vs Cedar:     ${int(summary.mcpRatioVsCedar).padStart(8)}×   target ≥ ${targets.mcpRatioVsCedar.target}× with full agreement   ${verdict(targets.mcpRatioVsCedar.pass)}`,
    `network throughput vs Cedar: ${int(summary.networkRatioVsCedar).padStart(8)}×`,
    ...(['mcp', 'network'] as const).flatMap((surface) =>
      cedar[surface].disagreements.map(
        (d) =>
          `  disagreement (${surface} request #${d.index}): parapet ${d.parapet}, cedar ${d.cedar}`,
      ),
    ),
  ];
}

// The human-readable table, and the summary object that is printed as the last line.
export function formatReport(figures: BenchFigures): { lines: string[]; summary: Summary } {
  const summary = buildSummary(figures);
  return { lines: tableLines(figures, summary), summary };
}

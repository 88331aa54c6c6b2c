// A quick local profiler for the engine (not the official benchmark, which lives in bench/policy).
// Run: pnpm --filter @parapet/policy exec tsx scripts/profile-policy.ts
import { compilePolicy } from '../src/index';
import { sources } from './profile-policy-sources';

const t0 = performance.now();
const policy = compilePolicy(sources);
console.log(`compile: ${(performance.now() - t0).toFixed(1)} ms`);

const groups = ['eng', 'ops'];
const network = Array.from({ length: 1000 }, (_, i) => {
  const n = 200_000 + i * 4;
  return i % 4 === 0
    ? { surface: 'network', host: `svc${n}.example.com`, port: 443 }
    : i % 4 === 1
      ? { surface: 'network', host: `a.b.team${n}.example.org`, port: 8080 }
      : i % 4 === 2
        ? { surface: 'network', host: `miss${i}.nowhere.net`, port: 443 }
        : { surface: 'network', host: `svc${n}.example.com`, ip: `10.1.${i & 255}.7`, port: 443 };
});
const filesystem = Array.from({ length: 1000 }, (_, i) => ({
  surface: 'filesystem',
  path: i % 2 === 0 ? `:workspace/p${200_001 + i * 4}/src/x.ts` : `/data/d${200_001 + i * 4}/f.csv`,
  access: i % 3 === 0 ? 'write' : 'read',
  workspace: '/home/u/proj',
  home: '/home/u',
}));
const mcp = Array.from({ length: 1000 }, (_, i) => {
  const n = 200_003 + i * 4;
  return {
    surface: 'mcp',
    server:
      i % 2 === 0
        ? { url: `https://mcp${n}.example.com/mcp` }
        : { command: ['npx', '-y', `@acme/server-${n}`] },
    tool: ['get_issue', 'create_issue', 'delete_repo', 'other'][i % 4],
  };
});

function measure(name: string, requests: object[]) {
  let sink = 0;
  for (let round = 0; round < 200; round++)
    for (const r of requests) sink += policy.evaluate(r, { groups }).decision.length;
  const rounds = 1000;
  // CPU time rather than wall time, so a busy machine slows the figure less.
  const start = process.cpuUsage();
  for (let round = 0; round < rounds; round++)
    for (const r of requests) sink += policy.evaluate(r, { groups }).decision.length;
  const used = process.cpuUsage(start);
  const seconds = (used.user + used.system) / 1e6;
  const counts: Record<string, number> = {};
  for (const r of requests) {
    const d = policy.evaluate(r, { groups }).decision;
    counts[d] = (counts[d] ?? 0) + 1;
  }
  console.log(
    `${name}: ${Math.round((requests.length * rounds) / seconds).toLocaleString()} decisions/s ${JSON.stringify(counts)} (${sink > 0})`,
  );
}
measure('network', network);
measure('filesystem', filesystem);
measure('mcp', mcp);

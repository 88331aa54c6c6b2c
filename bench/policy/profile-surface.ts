import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import { compilePolicy } from '@parapet/policy';
import { buildPolicyDocuments } from './build-policy-documents';
import { createRandom } from './create-random';
import { generateFilesystemRequests } from './generate-filesystem-requests';
import { generateMcpRequests } from './generate-mcp-requests';
import { generateNetworkRequests } from './generate-network-requests';
import { generateOrgPolicy } from './generate-org-policy';
import { pinToOneCore } from './pin-to-one-core';
import { summariseCpuProfile } from './summarise-cpu-profile';

// `pnpm --filter @parapet/bench run profile [network|filesystem|mcp] [seconds]`: evaluates the
// benchmark's request mix for one surface under the V8 CPU profiler and prints where the time
// goes (self time per function), for whoever is making the engine faster. The raw profile is
// written to bench/.profiles/ for Chrome DevTools or speedscope.
pinToOneCore();

const surface = process.argv[2] ?? 'network';
const seconds = Number(process.argv[3] ?? 3);
const generators = {
  network: generateNetworkRequests,
  filesystem: generateFilesystemRequests,
  mcp: generateMcpRequests,
} as const;
if (!(surface in generators)) throw new Error(`unknown surface ${surface}`);
const generate = generators[surface as keyof typeof generators];

const model = generateOrgPolicy({ seed: 20_240_601 });
const policy = compilePolicy(buildPolicyDocuments({ model }));
const requests = generate({ random: createRandom({ seed: 20_240_602 }), model, count: 65_536 });
const bodies = requests.map((entry) => entry.request);
const contexts = requests.map((entry) => ({ groups: entry.groups }));

const run = (milliseconds: number) => {
  const end = Date.now() + milliseconds;
  let calls = 0;
  let checksum = 0;
  while (Date.now() < end) {
    for (let i = 0; i < 4096; i++, calls++) {
      const index = calls & 65_535;
      checksum += policy.evaluate(bodies[index], contexts[index]).decision.length;
    }
  }
  return { calls, checksum };
};

run(500);
const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.setSamplingInterval', { interval: 100 });
await session.post('Profiler.start');
const { calls } = run(seconds * 1000);
const { profile } = await session.post('Profiler.stop');
session.disconnect();

const directory = join(import.meta.dirname, '..', '.profiles');
mkdirSync(directory, { recursive: true });
const file = join(directory, `${surface}-${readdirSync(directory).length + 1}.cpuprofile`);
writeFileSync(file, JSON.stringify(profile));
process.stdout.write(
  `${surface}: ${Math.round(calls / seconds).toLocaleString('en-US')} decisions/s while profiled; profile in ${file}\n`,
);
process.stdout.write(`${summariseCpuProfile({ profile, top: 25 }).join('\n')}\n`);

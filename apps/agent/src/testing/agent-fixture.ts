import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { claimsFor, createOrgSigning, type OrgSigning, signClaims } from './bundle-forge';
import { HostileEdge } from './hostile-edge';
import { type AgentRun, runAgent } from './run-agent';

export interface AgentFixture {
  readonly edge: HostileEdge;
  readonly signing: OrgSigning;
  readonly stateDir: string;
  /** Runs a command against this fixture's state folder. */
  run(args: string[], options?: Parameters<typeof runAgent>[1]): Promise<AgentRun>;
  /** Signs a bundle of this org (ver 1 and the test policy unless overridden) and serves it. */
  serve(overrides?: Parameters<typeof claimsFor>[1]): Promise<string>;
  close(): Promise<void>;
}

/** A hostile edge with one org, and an agent state folder enrolled with it. */
export async function enrolledAgent(options: { enroll?: boolean } = {}): Promise<AgentFixture> {
  const edge = await new HostileEdge().start();
  const signing = await createOrgSigning(edge.org, edge.issuer);
  edge.keySets = signing.keySets;
  const stateDir = join(await mkdtemp(join(tmpdir(), 'parapet-agent-')), 'state');
  const fixture: AgentFixture = {
    edge,
    signing,
    stateDir,
    run: (args, runOptions) => runAgent([...args, '--state', stateDir], runOptions),
    serve: async (overrides) => {
      const text = await signClaims(signing, claimsFor(signing, overrides));
      edge.serve(text, signing.keySets.length);
      return text;
    },
    close: async () => {
      await edge.stop();
      await rm(join(stateDir, '..'), { recursive: true, force: true });
    },
  };
  if (options.enroll !== false) {
    const enrolled = await fixture.run([
      'enroll',
      '--server',
      edge.url,
      '--token',
      edge.enrollmentToken,
    ]);
    if (enrolled.code !== 0) throw new Error(`enroll failed: ${enrolled.stderr}`);
  }
  return fixture;
}

import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { setupEdgeTest } from './testing/edge-test-kit';

// `ss` (iproute2) reads a listening socket's accept-queue limit from the kernel (its Send-Q
// column); Node has no API for it. .ci/run installs iproute2 where it is missing.
const hasSs = spawnSync('sh', ['-c', 'command -v ss'], { stdio: 'ignore' }).status === 0;
const somaxconn = (() => {
  try {
    return Number(readFileSync('/proc/sys/net/core/somaxconn', 'utf8').trim());
  } catch {
    return Number.POSITIVE_INFINITY;
  }
})();

/** The accept-queue limit the kernel holds for the listening socket on 127.0.0.1:`port`. */
function listenBacklogOf(port: number): number {
  const listed = spawnSync('ss', ['-ltnH', `sport = :${port}`], { encoding: 'utf8' });
  const line = listed.stdout.split('\n').find((entry) => entry.includes(`127.0.0.1:${port}`));
  if (line === undefined) throw new Error(`ss lists no socket on port ${port}: ${listed.stdout}`);
  // State, Recv-Q (connections waiting now), Send-Q (the limit), local address, peer address.
  return Number(line.trim().split(/\s+/)[2]);
}

const portOf = (url: string) => Number(new URL(url).port);

const world = setupEdgeTest();

describe.skipIf(!hasSs)('the edge’s listen backlog', () => {
  it('queues 4096 connections by default (Node’s own 511 reset devices in a burst), or as set', async () => {
    const w = world();
    expect(listenBacklogOf(portOf(w.edge.url))).toBe(Math.min(4096, somaxconn));
    const replica = await w.startReplica({ listenBacklog: 64 });
    expect(listenBacklogOf(portOf(replica.url))).toBe(64);
  });
});

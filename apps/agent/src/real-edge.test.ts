import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type SeededOrg, seedOrg } from '@parapet/accounts/testing';
import { createTestDatabase, type TestDatabase } from '@parapet/db/testing';
import { createEnrollmentToken, revokeDevice } from '@parapet/distribution';
import { type EdgeServer, startEdgeServer } from '@parapet/edge';
import { publishPolicy, savePolicyDraft } from '@parapet/policy-admin';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EventStream } from './testing/event-stream';
import { runAgent } from './testing/run-agent';

// The agent against the real edge and Postgres: enrollment through a console-made token, the
// bundle of the device's groups as published, a publish reaching a watching agent, and a
// revocation stopping it. The hostile-edge tests cover what the real edge never serves.

const issuer = 'https://parapet.agent.test';
const GITHUB = JSON.stringify({ surface: 'network', host: 'github.com', port: 443 });
const NPM = JSON.stringify({ surface: 'network', host: 'registry.npmjs.org', port: 443 });

let database: TestDatabase;
let org: SeededOrg;
let edge: EdgeServer;
let stateDir: string;

beforeEach(async () => {
  database = await createTestDatabase();
  org = await seedOrg({ prisma: database.prisma });
  edge = await startEdgeServer({
    host: '127.0.0.1',
    port: 0,
    databaseUrl: database.databaseUrl,
    prisma: database.prisma,
    issuer,
    logger: false,
  });
  stateDir = join(await mkdtemp(join(tmpdir(), 'parapet-agent-real-')), 'state');
});

afterEach(async () => {
  await edge.close();
  await database.drop();
  await rm(join(stateDir, '..'), { recursive: true, force: true });
});

async function publish(documents: Record<string, string>): Promise<number> {
  const actor = org.owner.actor;
  for (const [layer, source] of Object.entries(documents)) {
    await savePolicyDraft({ db: database.prisma, actor, input: { layer, source } });
  }
  return (await publishPolicy({ db: database.prisma, actor, input: { message: 'agent test' } }))
    .version;
}

const rule = (id: string, action: 'allow' | 'deny', host: string) =>
  `network:\n  rules:\n    - id: ${id}\n      action: ${action}\n      hosts: [${host}]\n`;

const agent = (args: string[], options?: Parameters<typeof runAgent>[1]) =>
  runAgent([...args, '--state', stateDir], options);

describe('parapet-agent against the real edge', () => {
  it('enrolls, pulls the bundle of its groups, follows a publish and stops when revoked', async () => {
    await publish({
      baseline: rule('github', 'allow', 'github.com'),
      'group:eng': rule('npm', 'allow', 'registry.npmjs.org'),
    });
    const { token } = await createEnrollmentToken({
      db: database.prisma,
      actor: org.owner.actor,
      input: { reusable: false, groups: ['eng'] },
    });

    const enrolled = await agent(['enroll', '--server', edge.url, '--token', token]);
    expect(enrolled.stderr).toBe('');
    expect(enrolled.code).toBe(0);
    const device = enrolled.json<{ device: string; org: string; issuer: string }>();
    expect(device).toMatchObject({ org: org.orgId, issuer, keySetVersion: 1 });

    const pulled = await agent(['pull']);
    expect(pulled.stderr).toBe('');
    expect(pulled.code).toBe(0);
    expect(pulled.json()).toMatchObject({ event: 'bundle', policyVersion: 1, keySetVersion: 1 });
    expect((await agent(['pull'])).json()).toEqual({ event: 'unchanged' });
    expect((await agent(['decide', GITHUB])).json()).toMatchObject({
      decision: 'allow',
      ruleId: 'github',
      layer: 'baseline',
    });
    expect((await agent(['decide', NPM])).json()).toMatchObject({
      decision: 'allow',
      ruleId: 'npm',
      layer: 'group:eng',
    });
    expect((await agent(['status'])).json()).toMatchObject({
      device: device.device,
      active: { policyVersion: 1, groups: ['eng'], stale: false },
      lastError: null,
    });

    // A one-time token is spent.
    const again = await runAgent([
      'enroll',
      '--server',
      edge.url,
      '--token',
      token,
      '--state',
      `${stateDir}-2`,
    ]);
    expect(again.code).toBe(4);

    const stream = new EventStream();
    const controller = new AbortController();
    const watching = agent(['pull', '--watch', '--wait', '20'], {
      onStdout: stream.write,
      signal: controller.signal,
    });
    try {
      await stream.next((event) => event.event === 'started');
      const published = Date.now();
      const changed = stream.nextNamed('bundle', 15_000);
      await publish({ baseline: rule('github', 'deny', 'github.com') });
      expect(await changed).toMatchObject({ policyVersion: 2 });
      expect(Date.now() - published).toBeLessThan(5_000);
      expect((await agent(['decide', GITHUB])).json()).toMatchObject({
        decision: 'deny',
        ruleId: 'github',
      });

      await revokeDevice({
        db: database.prisma,
        actor: org.owner.actor,
        input: { id: device.device },
      });
      const result = await watching;
      expect(result.code).toBe(4);
      expect(stream.events.at(-1)).toMatchObject({
        event: 'device_refused',
        code: 'DEVICE_REVOKED',
      });
    } finally {
      controller.abort();
    }
    // Revoked, the device keeps enforcing its last good bundle.
    expect((await agent(['decide', GITHUB])).json()).toMatchObject({
      decision: 'deny',
      ruleId: 'github',
    });
    await vi.waitFor(async () => {
      expect((await agent(['status'])).json()).toMatchObject({
        lastError: { code: 'DEVICE_REVOKED' },
      });
    });
  });
});

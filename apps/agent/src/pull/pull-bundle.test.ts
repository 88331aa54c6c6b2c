import { afterEach, describe, expect, it } from 'vitest';
import { type AgentFixture, enrolledAgent } from '../testing/agent-fixture';
import { claimsFor, rotateKeys, signClaims } from '../testing/bundle-forge';
import { HostileEdge } from '../testing/hostile-edge';

let fixture: AgentFixture;
afterEach(async () => {
  await fixture.close();
});

const count = (path: string) =>
  fixture.edge.requests.filter((request) => request.path === path).length;

describe('parapet-agent pull', () => {
  it('accepts a bundle, then asks with its ETag and hears 304', async () => {
    fixture = await enrolledAgent();
    const text = await fixture.serve({ ver: 2, policyVersion: 4 });
    const first = await fixture.run(['pull']);
    expect(first.code).toBe(0);
    expect(first.json()).toEqual({
      event: 'bundle',
      ver: 2,
      etag: HostileEdge.etagOf(text),
      sub: expect.stringMatching(/^ep_[0-9a-f]{32}$/),
      policyVersion: 4,
      keySetVersion: 1,
    });
    const second = await fixture.run(['pull']);
    expect(second.code).toBe(0);
    expect(second.json()).toEqual({ event: 'unchanged' });
    expect(fixture.edge.requests.at(-1)?.headers['if-none-match']).toBe(HostileEdge.etagOf(text));
    expect(fixture.edge.statusReports.at(-1)).toMatchObject({
      agentVersion: '0.1.0',
      activeVer: 2,
      activeEtag: HostileEdge.etagOf(text),
      lastError: null,
    });
    const status = (await fixture.run(['status'])).json();
    expect(status).toMatchObject({
      device: 'dev_test',
      org: fixture.edge.org,
      server: fixture.edge.url,
      keySetVersion: 1,
      highestVer: 2,
      active: {
        ver: 2,
        etag: HostileEdge.etagOf(text),
        policyVersion: 4,
        groups: ['engineering'],
        stale: false,
      },
      activeProblem: null,
      lastRefusal: null,
      lastError: null,
      lastPullAt: expect.any(String),
    });
  });

  it('reuses its access token across runs, and renews it once when the edge says it expired', async () => {
    fixture = await enrolledAgent();
    await fixture.serve();
    await fixture.run(['pull']);
    await fixture.run(['pull']);
    // The token handed out at enrollment served both pulls and the status reports.
    expect(count('/v1/auth/challenge')).toBe(0);

    fixture.edge.expireTokensBefore = 1;
    await fixture.serve({ ver: 2 });
    const renewed = await fixture.run(['pull']);
    expect(renewed.code).toBe(0);
    expect(count('/v1/auth/challenge')).toBe(1);
    expect(count('/v1/auth/token')).toBe(1);
  });

  it('gives up after one renewal when the edge keeps refusing the token', async () => {
    fixture = await enrolledAgent();
    await fixture.serve();
    fixture.edge.expireTokensBefore = 1_000;
    const refused = await fixture.run(['pull']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('401 TOKEN_EXPIRED');
    expect(count('/v1/auth/challenge')).toBe(1);
    expect((await fixture.run(['status'])).json()).toMatchObject({
      lastError: { code: 'TOKEN_EXPIRED' },
    });
  });

  it('follows a key rotation: fetches the new key set, checks its chain, then the bundle', async () => {
    fixture = await enrolledAgent();
    await fixture.serve({ ver: 1 });
    await fixture.run(['pull']);
    const rotated = await rotateKeys(fixture.signing);
    fixture.edge.keySets = rotated.keySets;
    fixture.edge.serve(await signClaims(rotated, claimsFor(rotated, { ver: 2 })), 2);
    const pulled = await fixture.run(['pull']);
    expect(pulled.code).toBe(0);
    expect(pulled.json()).toMatchObject({ event: 'bundle', ver: 2, keySetVersion: 2 });
    expect(count('/v1/keys')).toBe(1);
    const status = (await fixture.run(['status'])).json<{ keyIds: string[] }>();
    expect(status).toMatchObject({ keySetVersion: 2, highestVer: 2 });
    expect(status.keyIds.sort()).toEqual(rotated.keys.map((key) => key.kid).sort());
  });

  it('fetches key sets when a bundle names an unknown key, even without the header', async () => {
    fixture = await enrolledAgent();
    const rotated = await rotateKeys(fixture.signing);
    fixture.edge.keySets = rotated.keySets;
    const newKeyOnly = { ...rotated, keys: rotated.keys.slice(0, 1) };
    fixture.edge.serve(await signClaims(newKeyOnly, claimsFor(rotated, { ver: 3 })));
    const pulled = await fixture.run(['pull']);
    expect(pulled.code).toBe(0);
    expect(pulled.json()).toMatchObject({ ver: 3, keySetVersion: 2 });
  });

  it('stops with exit 4 and says why when the device is revoked', async () => {
    fixture = await enrolledAgent();
    await fixture.serve();
    await fixture.run(['pull']);
    fixture.edge.deviceRefusal = { status: 403, code: 'DEVICE_REVOKED' };
    const refused = await fixture.run(['pull']);
    expect(refused.code).toBe(4);
    expect(refused.stderr).toBe(
      'parapet-agent pull: the edge refused this device: DEVICE_REVOKED: refused: DEVICE_REVOKED\n',
    );
    expect((await fixture.run(['status'])).json()).toMatchObject({
      active: { ver: 1 },
      lastError: { code: 'DEVICE_REVOKED' },
    });
  });

  it('keeps the last good bundle when the edge is down, and records the error', async () => {
    fixture = await enrolledAgent();
    await fixture.serve({ ver: 5 });
    await fixture.run(['pull']);
    await fixture.edge.stop();
    const down = await fixture.run(['pull']);
    expect(down.code).toBe(1);
    expect(down.stderr).toMatch(/cannot reach .*ECONNREFUSED/);
    expect((await fixture.run(['status'])).json()).toMatchObject({
      active: { ver: 5 },
      lastError: { code: 'EDGE_UNREACHABLE' },
    });
    expect(
      (
        await fixture.run(['decide', '{"surface":"network","host":"github.com","port":443}'])
      ).json(),
    ).toMatchObject({
      decision: 'allow',
      ver: 5,
    });
  });

  it('waits for a newer bundle with --wait', async () => {
    fixture = await enrolledAgent();
    await fixture.serve({ ver: 1 });
    await fixture.run(['pull']);
    const started = Date.now();
    const waiting = fixture.run(['pull', '--wait', '10']);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await fixture.serve({ ver: 2 });
    const pulled = await waiting;
    expect(pulled.json()).toMatchObject({ event: 'bundle', ver: 2 });
    expect(Date.now() - started).toBeLessThan(5_000);
    const polls = fixture.edge.requests.filter((request) => request.path === '/v1/bundle');
    expect(polls.at(-1)?.headers.prefer).toBe('wait=10');
  });

  it.each([['61'], ['-1'], ['1.5'], ['soon']])('refuses --wait %s (exit 2)', async (wait) => {
    fixture = await enrolledAgent();
    const result = await fixture.run(['pull', `--wait=${wait}`]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--wait takes whole seconds from 0 to 60');
  });

  it('needs an enrollment (exit 1, with what to do)', async () => {
    fixture = await enrolledAgent({ enroll: false });
    const result = await fixture.run(['pull']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('run parapet-agent enroll');
  });
});

describe('parapet-agent show', () => {
  it('prints a summary, and --raw the exact bytes with the trust', async () => {
    fixture = await enrolledAgent();
    const text = await fixture.serve({ ver: 8, policyVersion: 3 });
    await fixture.run(['pull']);
    const summary = await fixture.run(['show']);
    expect(summary.code).toBe(0);
    expect(summary.stdout).toContain('bundle        ver 8, policy version 3');
    expect(summary.stdout).toContain('groups        engineering');
    expect(summary.stdout).toContain(
      'layers        guardrails (enforce), baseline (enforce), group:engineering (enforce)',
    );
    expect(summary.stdout).toContain('rules         network 3, filesystem 0, credentials 0, mcp 0');
    const raw = (await fixture.run(['show', '--raw'])).json<{ bundle: string; trust: unknown }>();
    expect(raw.bundle).toBe(text);
    expect(raw.trust).toMatchObject({
      org: fixture.edge.org,
      highestVer: 8,
      keySet: { version: 1 },
    });
  });

  it('says plainly when nothing is in force', async () => {
    fixture = await enrolledAgent();
    const summary = await fixture.run(['show']);
    expect(summary.stdout).toContain('none in force (no_bundle');
    expect((await fixture.run(['show', '--raw'])).json()).toMatchObject({ bundle: null });
  });
});

import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type AgentFixture, enrolledAgent } from '../testing/agent-fixture';
import { base64url, nowSeconds, splitJws, testPolicy } from '../testing/bundle-forge';
import { runAgent } from '../testing/run-agent';

const GITHUB = { surface: 'network', host: 'github.com', port: 443 };
const NPM = { surface: 'network', host: 'registry.npmjs.org', port: 443 };
const failedClosed = {
  decision: 'deny',
  ruleId: null,
  layer: 'default',
  mode: 'enforce',
  ver: null,
};

let fixture: AgentFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

type StoredState = { trust: { highestVer: number }; bundle: { text: string } };

async function editLastGood(stateDir: string, change: (value: StoredState) => void) {
  const path = join(stateDir, 'last-good.json');
  const value = JSON.parse(await readFile(path, 'utf8')) as StoredState;
  change(value);
  await writeFile(path, JSON.stringify(value));
}

describe('parapet-agent decide', () => {
  it('decides with the active bundle, in the groups it was built for', async () => {
    fixture = await enrolledAgent();
    await fixture.serve({ ver: 3 });
    expect((await fixture.run(['pull'])).code).toBe(0);
    const github = await fixture.run(['decide', JSON.stringify(GITHUB)]);
    expect(github.code).toBe(0);
    expect(github.json()).toEqual({
      decision: 'allow',
      ruleId: 'github',
      layer: 'baseline',
      mode: 'enforce',
      ver: 3,
      stale: false,
    });
    // npm is allowed only to the engineering group, which the bundle's claims name.
    expect((await fixture.run(['decide', JSON.stringify(NPM)])).json()).toMatchObject({
      decision: 'allow',
      layer: 'group:engineering',
    });
    const denied = await fixture.run([
      'decide',
      JSON.stringify({ surface: 'network', host: '169.254.169.254' }),
    ]);
    expect(denied.code).toBe(0);
    expect(denied.json()).toMatchObject({
      decision: 'deny',
      ruleId: 'no-metadata',
      layer: 'guardrails',
    });
  });

  it('reads the request from stdin with -', async () => {
    fixture = await enrolledAgent();
    await fixture.serve();
    await fixture.run(['pull']);
    const result = await fixture.run(['decide', '-'], { stdin: JSON.stringify(GITHUB) });
    expect(result.json()).toMatchObject({ decision: 'allow', ver: 1 });
  });

  it('denies an invalid request with the reason, exit 0', async () => {
    fixture = await enrolledAgent();
    await fixture.serve();
    await fixture.run(['pull']);
    const result = await fixture.run(['decide', JSON.stringify({ surface: 'teleport' })]);
    expect(result.code).toBe(0);
    expect(result.json()).toMatchObject({
      decision: 'deny',
      ruleId: null,
      reason: expect.any(String),
      ver: 1,
    });
  });

  it('fails closed when the folder holds no enrollment', async () => {
    const result = await runAgent([
      'decide',
      JSON.stringify(GITHUB),
      '--state',
      '/nonexistent/parapet',
    ]);
    expect(result.code).toBe(0);
    expect(result.json()).toMatchObject({
      ...failedClosed,
      reason: expect.stringContaining('no valid bundle'),
    });
  });

  it('fails closed when enrolled but no bundle was ever accepted', async () => {
    fixture = await enrolledAgent();
    const result = await fixture.run(['decide', JSON.stringify(GITHUB)]);
    expect(result.json()).toMatchObject({
      ...failedClosed,
      reason: 'no valid bundle: no_bundle: no bundle has been accepted yet',
    });
  });

  it('fails closed when only refused bundles were served', async () => {
    fixture = await enrolledAgent();
    await fixture.serve({ org: 'org_other' });
    expect((await fixture.run(['pull'])).code).toBe(3);
    expect((await fixture.run(['decide', JSON.stringify(GITHUB)])).json()).toMatchObject(
      failedClosed,
    );
  });

  it('fails closed when the stored bundle was edited on disk', async () => {
    fixture = await enrolledAgent();
    await fixture.serve({ policy: testPolicy({ githubAction: 'deny' }) });
    await fixture.run(['pull']);
    expect((await fixture.run(['decide', JSON.stringify(GITHUB)])).json()).toMatchObject({
      decision: 'deny',
      ruleId: 'github',
    });
    // Someone with write access to the folder turns the deny into an allow.
    await editLastGood(fixture.stateDir, (value) => {
      const jws = splitJws(value.bundle.text);
      const edited = jws.claimsText.replace(
        '"action":"deny","hosts":["github.com"]',
        '"action":"allow","hosts":["github.com"]',
      );
      expect(edited).not.toBe(jws.claimsText);
      value.bundle.text = JSON.stringify({
        payload: base64url.encode(edited),
        signatures: jws.signatures,
      });
    });
    const result = await fixture.run(['decide', JSON.stringify(GITHUB)]);
    expect(result.json()).toMatchObject({
      ...failedClosed,
      reason: expect.stringContaining('signature_invalid'),
    });
    const status = (await fixture.run(['status'])).json();
    expect(status).toMatchObject({ active: null, activeProblem: { reason: 'signature_invalid' } });
  });

  it('fails closed when highestVer was raised above the stored bundle', async () => {
    fixture = await enrolledAgent();
    await fixture.serve({ ver: 4 });
    await fixture.run(['pull']);
    await editLastGood(fixture.stateDir, (value) => {
      value.trust.highestVer = 9;
    });
    expect((await fixture.run(['decide', JSON.stringify(GITHUB)])).json()).toMatchObject({
      ...failedClosed,
      reason: expect.stringContaining('rollback'),
    });
  });

  it('fails closed when the state file is not valid', async () => {
    fixture = await enrolledAgent();
    await writeFile(join(fixture.stateDir, 'last-good.json'), '{"trust":');
    expect((await fixture.run(['decide', JSON.stringify(GITHUB)])).json()).toMatchObject({
      ...failedClosed,
      reason: expect.stringContaining('not valid JSON'),
    });
  });

  it('keeps enforcing an expired last good bundle, marked stale', async () => {
    fixture = await enrolledAgent();
    const iat = nowSeconds() - 100;
    await fixture.serve({ ver: 2, iat, exp: iat + 3600 });
    await fixture.run(['pull']);
    const later = () => new Date((iat + 7200) * 1000);
    const result = await fixture.run(['decide', JSON.stringify(GITHUB)], { now: later });
    expect(result.json()).toMatchObject({
      decision: 'allow',
      ruleId: 'github',
      ver: 2,
      stale: true,
    });
    expect((await fixture.run(['status'], { now: later })).json()).toMatchObject({
      active: { ver: 2, stale: true },
    });
  });

  const usage: [string, string[], string][] = [
    ['no request', ['decide'], 'give the request as JSON'],
    ['not JSON', ['decide', '{surface'], 'not JSON'],
    ['two requests', ['decide', '{}', '{}'], 'unexpected argument'],
  ];
  it.each(usage)('is a usage error (exit 2): %s', async (_name, argv, message) => {
    const result = await runAgent([...argv, '--state', '/nonexistent/parapet']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stdout).toBe('');
  });
});

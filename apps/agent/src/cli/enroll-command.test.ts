import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { generateSigningKey, signKeySet } from '@parapet/bundle';
import { afterEach, describe, expect, it } from 'vitest';
import { type AgentFixture, enrolledAgent } from '../testing/agent-fixture';
import { nowSeconds } from '../testing/bundle-forge';
import { runAgent } from '../testing/run-agent';

const posix = process.platform !== 'win32';
let fixture: AgentFixture;
afterEach(async () => {
  await fixture.close();
});

const enroll = (extra: string[] = []) =>
  fixture.run([
    'enroll',
    '--server',
    fixture.edge.url,
    '--token',
    fixture.edge.enrollmentToken,
    ...extra,
  ]);

describe('parapet-agent enroll', () => {
  it('stores the device, its private key and the trust it starts from', async () => {
    fixture = await enrolledAgent({ enroll: false });
    const enrolled = await enroll();
    expect(enrolled.code).toBe(0);
    expect(enrolled.json()).toMatchObject({
      device: 'dev_test',
      org: fixture.edge.org,
      issuer: fixture.edge.issuer,
      server: fixture.edge.url,
      keySetVersion: 1,
      stateDir: fixture.stateDir,
    });
    expect((await readdir(fixture.stateDir)).sort()).toEqual([
      'access-token.json',
      'device-key.json',
      'device.json',
      'last-good.json',
      'status.json',
    ]);
    const lastGood = JSON.parse(await readFile(join(fixture.stateDir, 'last-good.json'), 'utf8'));
    expect(lastGood).toEqual({
      trust: {
        org: fixture.edge.org,
        iss: fixture.edge.issuer,
        keySet: { version: 1, keys: [fixture.signing.keys[0]?.publicJwk] },
        highestVer: 0,
      },
      bundle: null,
    });
    // The edge received only the public half.
    const sent = fixture.edge.requests.find((request) => request.path === '/v1/enroll');
    expect(sent).toBeDefined();
    const key = JSON.parse(await readFile(join(fixture.stateDir, 'device-key.json'), 'utf8'));
    expect(Object.keys(key).sort()).toEqual(['crv', 'd', 'kty', 'x']);
    if (posix) {
      expect((await stat(fixture.stateDir)).mode & 0o777).toBe(0o700);
      for (const file of await readdir(fixture.stateDir)) {
        expect([file, (await stat(join(fixture.stateDir, file))).mode & 0o777]).toEqual([
          file,
          0o600,
        ]);
      }
    }
  });

  it('refuses to enroll over an existing enrollment without --force, and replaces it with', async () => {
    fixture = await enrolledAgent();
    const keyBefore = await readFile(join(fixture.stateDir, 'device-key.json'), 'utf8');
    const again = await enroll();
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('--force');
    expect(await readFile(join(fixture.stateDir, 'device-key.json'), 'utf8')).toBe(keyBefore);

    const forced = await enroll(['--force']);
    expect(forced.code).toBe(0);
    expect(await readFile(join(fixture.stateDir, 'device-key.json'), 'utf8')).not.toBe(keyBefore);
  });

  it("refuses when the server's key set does not verify, and saves nothing", async () => {
    fixture = await enrolledAgent({ enroll: false });
    const signer = await generateSigningKey();
    const listed = await generateSigningKey();
    // A key set signed by a key it does not contain proves possession of nothing.
    fixture.edge.keySets = [
      await signKeySet({
        keySet: {
          type: 'parapet.keyset/v1',
          org: fixture.edge.org,
          version: 1,
          iat: nowSeconds(),
          keys: [listed.publicJwk],
        },
        keys: [{ kid: signer.kid, privateJwk: signer.privateJwk }],
      }),
    ];
    const refused = await enroll();
    expect(refused.code).toBe(4);
    expect(refused.stderr).toContain('keyset_chain_broken');
    expect(refused.stderr).toContain('dev_test');
    expect(await readdir(fixture.stateDir)).toEqual([]);
  });

  it('refuses a key set of another org', async () => {
    fixture = await enrolledAgent({ enroll: false });
    fixture.edge.org = 'org_claimed';
    const refused = await enroll();
    expect(refused.code).toBe(4);
    expect(refused.stderr).toContain('wrong_org');
  });

  it('reports a refused token in one sentence, exit 4', async () => {
    fixture = await enrolledAgent({ enroll: false });
    const refused = await fixture.run(['enroll', '--server', fixture.edge.url, '--token', 'wrong']);
    expect(refused.code).toBe(4);
    expect(refused.stderr).toBe(
      'parapet-agent enroll: the enrollment token was refused: refused: ENROLLMENT_TOKEN_INVALID\n',
    );
  });

  it('reports an edge that is not there without a stack trace, exit 1', async () => {
    fixture = await enrolledAgent({ enroll: false });
    await fixture.edge.stop();
    const down = await enroll();
    expect(down.code).toBe(1);
    expect(down.stderr).toMatch(
      /^parapet-agent enroll: cannot reach http:\/\/127\.0\.0\.1:\d+: ECONNREFUSED\n$/,
    );
  });

  const usage: [string, string[], string][] = [
    ['no token', ['enroll', '--server', 'https://edge.test'], '--token T are required'],
    ['not a URL', ['enroll', '--server', 'edge', '--token', 't'], 'is not a URL'],
    [
      'plain http to a remote edge',
      ['enroll', '--server', 'http://edge.test', '--token', 't'],
      '--allow-http',
    ],
    ['another scheme', ['enroll', '--server', 'ftp://edge.test', '--token', 't'], 'https://'],
    [
      'credentials in the URL',
      ['enroll', '--server', 'https://a:b@edge.test', '--token', 't'],
      'without credentials',
    ],
    [
      'an unknown option',
      ['enroll', '--server', 'https://edge.test', '--token', 't', '--bogus'],
      "Unknown option '--bogus'",
    ],
  ];
  it.each(usage)('is a usage error (exit 2): %s', async (_name, argv, message) => {
    fixture = await enrolledAgent({ enroll: false });
    const result = await runAgent([...argv, '--state', fixture.stateDir]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
  });
});

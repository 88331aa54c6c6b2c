import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { canonicalJson, generateSigningKey, signKeySet } from '@parapet/bundle';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  base64url,
  claimsFor,
  createOrgSigning,
  nowSeconds,
  type OrgSigning,
  signClaims,
  signRaw,
  splitJws,
  testPolicy,
} from './testing/bundle-forge';
import { HostileEdge } from './testing/hostile-edge';
import { runAgent } from './testing/run-agent';

// The agent facing a compromised edge or a man in the middle: after one good bundle, the edge
// serves each forgery below. Every one must be refused with its reason, reported, and change
// nothing: the last good bundle stays byte for byte, and decisions keep coming from it. Each case
// ends with a positive control (a genuine newer bundle is accepted), so a broken fixture cannot
// pass by making every pull fail.

const GITHUB = JSON.stringify({ surface: 'network', host: 'github.com', port: 443 });

interface Served {
  text: string;
  keySetVersion?: number;
  keySets?: readonly string[];
}

let edge: HostileEdge;
let signing: OrgSigning;

/** Claims a forger would want: a newer ver whose policy denies github. */
const evilClaims = (overrides: Parameters<typeof claimsFor>[1] = {}) =>
  claimsFor(signing, { ver: 6, policy: testPolicy({ githubAction: 'deny' }), ...overrides });
const header = (kid: string, alg = 'EdDSA') => ({ alg, kid, typ: 'parapet-bundle+jws' });

const corpus: [name: string, reason: string, make: (good: string) => Promise<Served>][] = [
  [
    'a flipped payload byte (ver 5 → 6)',
    'signature_invalid',
    async (good) => {
      const jws = splitJws(good);
      const flipped = jws.claimsText.replace('"ver":5', '"ver":6');
      expect(flipped).not.toBe(jws.claimsText);
      return {
        text: JSON.stringify({ payload: base64url.encode(flipped), signatures: jws.signatures }),
      };
    },
  ],
  [
    'a signature by another key under the trusted kid',
    'signature_invalid',
    async () => ({
      text: await signRaw({
        payload: canonicalJson(evilClaims()),
        header: header(signing.keys[0]?.kid ?? ''),
        key: await generateSigningKey(),
      }),
    }),
  ],
  [
    'a key the org never published (unknown kid)',
    'unknown_kid',
    async () => {
      const impostor = await createOrgSigning(signing.org, signing.issuer);
      return { text: await signClaims(impostor, evilClaims()) };
    },
  ],
  [
    "another org's genuine bundle",
    'unknown_kid',
    async () => {
      const other = await createOrgSigning('org_other', signing.issuer);
      return { text: await signClaims(other, claimsFor(other, { ver: 9 })) };
    },
  ],
  [
    'another org named in a bundle signed by our key',
    'wrong_org',
    async () => ({ text: await signClaims(signing, evilClaims({ org: 'org_other' })) }),
  ],
  [
    'another issuer',
    'wrong_issuer',
    async () => ({ text: await signClaims(signing, evilClaims({ iss: 'https://evil.test' })) }),
  ],
  [
    'a lower ver (rollback)',
    'rollback',
    async () => ({ text: await signClaims(signing, evilClaims({ ver: 4 })) }),
  ],
  [
    'an expired bundle',
    'expired',
    async () => ({
      text: await signClaims(
        signing,
        evilClaims({ iat: nowSeconds() - 2 * 86_400, exp: nowSeconds() - 86_400 }),
      ),
    }),
  ],
  [
    'a bundle issued in the future',
    'not_yet_valid',
    async () => ({
      text: await signClaims(
        signing,
        evilClaims({ iat: nowSeconds() + 3600, exp: nowSeconds() + 90_000 }),
      ),
    }),
  ],
  [
    'a key set not signed by the previous set',
    'keyset_chain_broken',
    async () => {
      const rogue = await generateSigningKey();
      const rogueSet = await signKeySet({
        keySet: {
          type: 'parapet.keyset/v1',
          org: signing.org,
          version: 2,
          iat: nowSeconds(),
          keys: [rogue.publicJwk],
        },
        keys: [{ kid: rogue.kid, privateJwk: rogue.privateJwk }],
      });
      const rogueSigning = { ...signing, keys: [rogue], keySets: [...signing.keySets, rogueSet] };
      return {
        text: await signClaims(rogueSigning, evilClaims()),
        keySetVersion: 2,
        keySets: rogueSigning.keySets,
      };
    },
  ],
  [
    'alg none',
    'alg_not_allowed',
    async () => ({
      text: canonicalJson({
        payload: base64url.encode(canonicalJson(evilClaims())),
        signatures: [
          {
            protected: base64url.encode(canonicalJson(header(signing.keys[0]?.kid ?? '', 'none'))),
            signature: '',
          },
        ],
      }),
    }),
  ],
  [
    'an unprotected header beside a good signature',
    'alg_not_allowed',
    async (good) => {
      const jws = splitJws(good);
      const signatures = jws.signatures.map((signature) => ({
        ...signature,
        header: { alg: 'none' },
      }));
      return { text: JSON.stringify({ payload: jws.payload, signatures }) };
    },
  ],
  [
    'a stripped signature',
    'unsigned',
    async () => ({
      text: canonicalJson({
        payload: base64url.encode(canonicalJson(evilClaims())),
        signatures: [],
      }),
    }),
  ],
  [
    'duplicate JSON keys (a second payload after the signed one)',
    'duplicate_keys',
    async (good) => {
      const jws = splitJws(good);
      const evil = base64url.encode(canonicalJson(evilClaims()));
      return {
        text: `{"payload":"${jws.payload}","payload":"${evil}","signatures":${JSON.stringify(jws.signatures)}}`,
      };
    },
  ],
  [
    'a validly signed payload that is not canonical JSON',
    'non_canonical',
    async () => ({
      text: await signRaw({
        payload: JSON.stringify(evilClaims(), null, 1),
        header: header(signing.keys[0]?.kid ?? ''),
        key: signing.keys[0] as never,
      }),
    }),
  ],
  [
    'a signed policy the engine cannot compile',
    'policy_invalid',
    async () => {
      const policy = {
        ...testPolicy(),
        network: [{ layer: 'baseline', id: 'x', action: 'allow', mode: 'enforce', hosts: ['*'] }],
      };
      return { text: await signClaims(signing, evilClaims({ policy })) };
    },
  ],
  ['bytes that are not JSON', 'malformed', async () => ({ text: 'HTTP/1.1 200 OK\r\n\r\n<html>' })],
];

beforeAll(async () => {
  edge = await new HostileEdge().start();
  signing = await createOrgSigning(edge.org, edge.issuer);
});

afterAll(async () => {
  await edge.stop();
});

describe('a hostile edge cannot replace the last good bundle', () => {
  it.each(corpus)('%s → refused as %s', async (_name, reason, make) => {
    const stateDir = await mkdtemp(join(tmpdir(), 'parapet-agent-tamper-'));
    const state = (...args: string[]) => [...args, '--state', stateDir];
    try {
      edge.keySets = signing.keySets;
      edge.statusReports.length = 0;
      const enrolled = await runAgent(
        state('enroll', '--server', edge.url, '--token', edge.enrollmentToken),
      );
      expect(enrolled.stderr).toBe('');
      expect(enrolled.code).toBe(0);

      const good = await signClaims(signing, claimsFor(signing, { ver: 5 }));
      edge.serve(good, 1);
      expect((await runAgent(state('pull'))).code).toBe(0);
      const lastGoodFile = join(stateDir, 'last-good.json');
      const before = await readFile(lastGoodFile);

      const served = await make(good);
      edge.keySets = served.keySets ?? signing.keySets;
      edge.serve(served.text, served.keySetVersion);
      const pulled = await runAgent(state('pull'));
      expect(pulled.code).toBe(3);
      expect(pulled.lines()[0]).toMatchObject({ event: 'refused', reason });
      expect(pulled.stderr).toContain(reason);
      expect(pulled.stderr).not.toMatch(/\n\s+at /);

      // Nothing changed: the same bytes, the same trust, the same decisions.
      expect(await readFile(lastGoodFile)).toEqual(before);
      const status = (await runAgent(state('status'))).json();
      expect(status.lastRefusal).toMatchObject({ reason, etag: HostileEdge.etagOf(served.text) });
      expect(status.lastError).toMatchObject({ code: reason });
      expect(status.active).toMatchObject({ ver: 5, etag: HostileEdge.etagOf(good) });
      expect(status.highestVer).toBe(5);
      expect(status.keySetVersion).toBe(1);
      const raw = (await runAgent(state('show', '--raw'))).json<{ bundle: string }>();
      expect(raw.bundle).toBe(good);
      const decided = await runAgent(state('decide', GITHUB));
      expect(decided.code).toBe(0);
      expect(decided.json()).toMatchObject({
        decision: 'allow',
        ruleId: 'github',
        ver: 5,
        stale: false,
      });
      // The edge was told, with the reason.
      expect(edge.statusReports.at(-1)).toMatchObject({
        activeVer: 5,
        lastError: { code: reason },
      });

      // Positive control: a genuine newer bundle still gets through.
      edge.keySets = signing.keySets;
      edge.serve(await signClaims(signing, evilClaims({ ver: 7 })), 1);
      expect((await runAgent(state('pull'))).code).toBe(0);
      expect((await runAgent(state('decide', GITHUB))).json()).toMatchObject({
        decision: 'deny',
        ver: 7,
      });
      expect((await runAgent(state('status'))).json()).toMatchObject({
        lastError: null,
        lastRefusal: { reason },
      });
    } finally {
      await rm(stateDir, { recursive: true, force: true });
    }
  });
});

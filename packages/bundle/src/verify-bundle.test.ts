import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json';
import { generateSigningKey, type SigningKey } from './generate-signing-key';
import { signBundle } from './sign-bundle';
import { signKeySet } from './sign-key-set';
import { bundleClaimsFor, now, nowSeconds, signingKeysOf } from './testing/bundle-fixtures';
import {
  createOrgFixture,
  deepFreeze,
  type OrgFixture,
  type RawJws,
  signRawJws,
} from './testing/org-fixture';
import type { RefusalReason, TrustState } from './trust-state';
import { verifyBundle } from './verify-bundle';
import { verifyKeySets } from './verify-key-sets';

let orgA: OrgFixture;
let orgB: OrgFixture;
let foreign: SigningKey;
let goodBundle: string;

beforeAll(async () => {
  [orgA, orgB, foreign] = await Promise.all([
    createOrgFixture('org_a'),
    createOrgFixture('org_b'),
    generateSigningKey(),
  ]);
  goodBundle = await signBundle({
    claims: bundleClaimsFor('org_a'),
    keys: signingKeysOf(orgA.first),
  });
});

const bundleFor = (overrides: Parameters<typeof bundleClaimsFor>[1], key = orgA.first) =>
  signBundle({ claims: bundleClaimsFor('org_a', overrides), keys: signingKeysOf(key) });
const documentOf = (text: string) => JSON.parse(text) as RawJws;
const header = (kid: string, extra = '') =>
  `{"alg":"EdDSA","kid":"${kid}","typ":"parapet-bundle+jws"${extra}}`;
const rawBundle = async (payloadText: string, headerText?: string) =>
  JSON.stringify(
    await signRawJws({
      payloadText,
      signers: [{ key: orgA.first, ...(headerText ? { headerText } : {}) }],
    }),
  );

/** A middle character of base64url text replaced by another, so the text stays valid base64url. */
function flipCharacter(text: string): string {
  const at = Math.floor(text.length / 2);
  return text.slice(0, at) + (text[at] === 'A' ? 'B' : 'A') + text.slice(at + 1);
}

/** What a row hands the verifier: a bundle for verifyBundle, or a chain for verifyKeySets. */
type Attempt = { bundle: string } | { keySets: string[] };

// Every row is one way to attack an endpoint at key set 1 with highestVer 5. Each must be
// refused with its own reason, and the trust state (frozen, so a mutation would throw) must
// come out unchanged.
const tamperCorpus: [string, () => Promise<Attempt> | Attempt, RefusalReason][] = [
  [
    'a flipped payload byte',
    () => {
      const document = documentOf(goodBundle);
      return { bundle: JSON.stringify({ ...document, payload: flipCharacter(document.payload) }) };
    },
    'signature_invalid',
  ],
  [
    'a flipped signature byte',
    () => {
      const document = documentOf(goodBundle);
      const [signature] = document.signatures;
      return {
        bundle: JSON.stringify({
          ...document,
          signatures: [{ ...signature, signature: flipCharacter(signature?.signature ?? '') }],
        }),
      };
    },
    'signature_invalid',
  ],
  [
    'a foreign key signing under the trusted kid',
    async () => ({
      bundle: JSON.stringify(
        await signRawJws({
          payloadText: canonicalJson(bundleClaimsFor('org_a')),
          signers: [{ key: foreign, headerText: header(orgA.first.kid) }],
        }),
      ),
    }),
    'signature_invalid',
  ],
  [
    'a good signature followed by a bad one under the trusted kid',
    () => {
      const document = documentOf(goodBundle);
      const [signature] = document.signatures;
      const forged = {
        protected: signature?.protected ?? '',
        signature: flipCharacter(signature?.signature ?? ''),
      };
      return { bundle: JSON.stringify({ ...document, signatures: [signature, forged] }) };
    },
    'signature_invalid',
  ],
  ['an unknown kid', async () => ({ bundle: await bundleFor({}, foreign) }), 'unknown_kid'],
  [
    "another org's bundle, validly signed by that org's key set",
    async () => ({
      bundle: await signBundle({
        claims: bundleClaimsFor('org_b'),
        keys: signingKeysOf(orgB.first),
      }),
    }),
    'unknown_kid',
  ],
  [
    "another org's claims under this org's key",
    async () => ({
      bundle: await signBundle({
        claims: bundleClaimsFor('org_b'),
        keys: signingKeysOf(orgA.first),
      }),
    }),
    'wrong_org',
  ],
  ['a lower ver', async () => ({ bundle: await bundleFor({ ver: 4 }) }), 'rollback'],
  [
    'an expired bundle (now = exp)',
    async () => ({ bundle: await bundleFor({ iat: nowSeconds - 86_400, exp: nowSeconds }) }),
    'expired',
  ],
  [
    'a bundle issued more than 300 s ahead',
    async () => ({ bundle: await bundleFor({ iat: nowSeconds + 301, exp: nowSeconds + 86_400 }) }),
    'not_yet_valid',
  ],
  [
    'a wrong issuer',
    async () => ({ bundle: await bundleFor({ iss: 'https://evil.example' }) }),
    'wrong_issuer',
  ],
  [
    'a key set not signed by the previous set (via verifyKeySets)',
    async () => {
      const keySet = {
        type: 'parapet.keyset/v1' as const,
        org: 'org_a',
        version: 2,
        iat: nowSeconds,
        keys: [foreign.publicJwk],
      };
      return { keySets: [await signKeySet({ keySet, keys: signingKeysOf(foreign) })] };
    },
    'keyset_chain_broken',
  ],
  [
    'a key set that skips a version (via verifyKeySets)',
    () => ({ keySets: [orgA.keySets[2]] }),
    'keyset_rollback',
  ],
  [
    "another org's key set (via verifyKeySets)",
    () => ({ keySets: [orgB.keySets[1]] }),
    'wrong_org',
  ],
  [
    'alg none with an empty signature',
    () => {
      const document = documentOf(goodBundle);
      const none = Buffer.from(
        `{"alg":"none","kid":"${orgA.first.kid}","typ":"parapet-bundle+jws"}`,
      ).toString('base64url');
      return {
        bundle: JSON.stringify({
          payload: document.payload,
          signatures: [{ protected: none, signature: '' }],
        }),
      };
    },
    'alg_not_allowed',
  ],
  [
    'alg HS256, validly "signed"',
    async () => ({
      bundle: await rawBundle(
        canonicalJson(bundleClaimsFor('org_a')),
        `{"alg":"HS256","kid":"${orgA.first.kid}","typ":"parapet-bundle+jws"}`,
      ),
    }),
    'alg_not_allowed',
  ],
  [
    'a crit header',
    async () => ({
      bundle: await rawBundle(
        canonicalJson(bundleClaimsFor('org_a')),
        header(orgA.first.kid, ',"crit":["exp"],"exp":1'),
      ),
    }),
    'alg_not_allowed',
  ],
  [
    'an unprotected header',
    () => {
      const document = documentOf(goodBundle);
      const [signature] = document.signatures;
      return {
        bundle: JSON.stringify({
          ...document,
          signatures: [{ ...signature, header: { kid: orgA.first.kid } }],
        }),
      };
    },
    'alg_not_allowed',
  ],
  [
    'a stripped signature (signatures: [])',
    () => ({
      bundle: JSON.stringify({ ...documentOf(goodBundle), signatures: [] }),
    }),
    'unsigned',
  ],
  [
    'duplicate keys in the payload, validly signed',
    async () => {
      const canonical = canonicalJson(bundleClaimsFor('org_a'));
      return { bundle: await rawBundle(canonical.replace('{', '{"groups":[],')) };
    },
    'duplicate_keys',
  ],
  [
    'duplicate keys in the outer document',
    () => {
      const document = documentOf(goodBundle);
      const decoy = documentOf(goodBundle).payload.slice(4);
      return {
        bundle: `{"payload":"${decoy}","payload":"${document.payload}","signatures":${JSON.stringify(document.signatures)}}`,
      };
    },
    'duplicate_keys',
  ],
  [
    'duplicate keys in the protected header, validly signed',
    async () => ({
      bundle: await rawBundle(
        canonicalJson(bundleClaimsFor('org_a')),
        header(orgA.first.kid, `,"kid":"${foreign.kid}"`),
      ),
    }),
    'duplicate_keys',
  ],
  [
    'a payload with whitespace, validly signed',
    async () => ({
      bundle: await rawBundle(
        JSON.stringify(JSON.parse(canonicalJson(bundleClaimsFor('org_a'))), null, 1),
      ),
    }),
    'non_canonical',
  ],
  [
    'a payload with unsorted members, validly signed',
    async () => ({
      bundle: await rawBundle(JSON.stringify(bundleClaimsFor('org_a'))),
    }),
    'non_canonical',
  ],
  [
    'a payload number written 7.0, validly signed',
    async () => ({
      bundle: await rawBundle(
        canonicalJson(bundleClaimsFor('org_a')).replace('"ver":7', '"ver":7.0'),
      ),
    }),
    'non_canonical',
  ],
  [
    'claims of the wrong type, validly signed',
    async () => ({
      bundle: await rawBundle(canonicalJson({ ...bundleClaimsFor('org_a'), ver: '7' })),
    }),
    'malformed',
  ],
  [
    'a payload that is an array, validly signed',
    async () => ({ bundle: await rawBundle('[]') }),
    'malformed',
  ],
  ['a signed key set presented as a bundle', () => ({ bundle: orgA.keySets[0] }), 'malformed'],
  [
    'a bundle typ missing from the header',
    async () => ({
      bundle: await rawBundle(
        canonicalJson(bundleClaimsFor('org_a')),
        `{"alg":"EdDSA","kid":"${orgA.first.kid}"}`,
      ),
    }),
    'malformed',
  ],
  [
    'an embedded jwk header',
    async () => ({
      bundle: await rawBundle(
        canonicalJson(bundleClaimsFor('org_a')),
        header(orgA.first.kid, `,"jwk":${JSON.stringify(foreign.publicJwk)}`),
      ),
    }),
    'malformed',
  ],
  [
    'the flattened serialization',
    () => {
      const document = documentOf(goodBundle);
      return { bundle: JSON.stringify({ payload: document.payload, ...document.signatures[0] }) };
    },
    'malformed',
  ],
  [
    'padded base64url',
    () => {
      const document = documentOf(goodBundle);
      return { bundle: JSON.stringify({ ...document, payload: `${document.payload}==` }) };
    },
    'malformed',
  ],
  ['not JSON', () => ({ bundle: 'not json' }), 'malformed'],
  ['a JSON array', () => ({ bundle: '[]' }), 'malformed'],
];

describe('verifyBundle refuses the tamper corpus', () => {
  it.each(tamperCorpus)('%s', async (_name, attack, reason) => {
    const trust = deepFreeze(structuredClone(orgA.trust));
    const before = structuredClone(trust);
    const attempt = await attack();
    const result =
      'bundle' in attempt
        ? await verifyBundle(attempt.bundle, trust, now)
        : await verifyKeySets(attempt.keySets, trust, now);
    expect(result).toMatchObject({ ok: false, refusal: { reason } });
    if (!result.ok) expect(result.refusal.message).not.toBe('');
    expect(trust).toEqual(before);
  });

  // The positive control: the same fixtures and trust accept the untouched bundle, so no row
  // above passes because the fixture itself was broken.
  it('accepts the untouched bundle and records its ver', async () => {
    const trust = deepFreeze(structuredClone(orgA.trust));
    const result = await verifyBundle(goodBundle, trust, now);
    expect(result).toEqual({
      ok: true,
      claims: bundleClaimsFor('org_a'),
      trust: { ...orgA.trust, highestVer: 7 },
    });
  });
});

describe('verifyBundle at the edges of its rules', () => {
  it.each<
    [string, Parameters<typeof bundleClaimsFor>[1], (trust: TrustState) => TrustState, boolean]
  >([
    ['ver equal to highestVer (same generation)', { ver: 5 }, (trust) => trust, true],
    ['ver 0 on a fresh enrollment', { ver: 0 }, (trust) => ({ ...trust, highestVer: 0 }), true],
    [
      'one second before exp',
      { iat: nowSeconds - 86_399, exp: nowSeconds + 1 },
      (trust) => trust,
      true,
    ],
    ['iat exactly 300 s ahead', { iat: nowSeconds + 300 }, (trust) => trust, true],
    ['an extra claim a newer control plane added', { future: 1 } as never, (trust) => trust, true],
  ])('accepts %s', async (_name, overrides, trustFor, accepted) => {
    const result = await verifyBundle(await bundleFor(overrides), trustFor(orgA.trust), now);
    expect(result.ok).toBe(accepted);
  });

  it('keeps the higher highestVer and returns the claims without unknown members', async () => {
    const result = await verifyBundle(
      await bundleFor({ ver: 9, future: 1 } as never),
      orgA.trust,
      now,
    );
    expect(result).toMatchObject({ ok: true, trust: { highestVer: 9 } });
    if (result.ok) expect(result.claims).not.toHaveProperty('future');
  });

  it('throws on a trust state or clock that is not valid: that is the caller’s bug, not input', async () => {
    await expect(verifyBundle(goodBundle, { ...orgA.trust, highestVer: -1 }, now)).rejects.toThrow(
      TypeError,
    );
    await expect(verifyBundle(goodBundle, orgA.trust, new Date(Number.NaN))).rejects.toThrow(
      TypeError,
    );
  });
});

describe('verifyBundle never throws on hostile input', () => {
  it('refuses any string', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.string(), fc.json(), fc.string({ unit: 'binary' })),
        async (text) => {
          const result = await verifyBundle(text, orgA.trust, now);
          expect(result.ok).toBe(false);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('refuses any mutation of a good bundle, or accepts exactly what was signed', async () => {
    const alphabet = fc.constantFrom(...'{}[]":,. \\0aA-_=eyJ'.split(''));
    const edit = fc.tuple(
      fc.nat(),
      fc.nat({ max: 3 }),
      fc.string({ unit: alphabet, maxLength: 3 }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 3 }), async (edits) => {
        let text = goodBundle;
        for (const [at, cut, insert] of edits) {
          const position = at % (text.length + 1);
          text = text.slice(0, position) + insert + text.slice(position + cut);
        }
        const result = await verifyBundle(text, orgA.trust, now);
        // Whitespace between the outer document's tokens is harmless: the signed bytes are the
        // same. Anything accepted must carry exactly the signed claims.
        if (result.ok) expect(result.claims).toEqual(bundleClaimsFor('org_a'));
      }),
      { numRuns: 400 },
    );
  });

  it('refuses any structurally mutated document', async () => {
    const document = documentOf(goodBundle);
    const anyJson = fc.jsonValue({ maxDepth: 2 });
    const mutations = fc.oneof(
      anyJson.map((payload) => ({ ...document, payload })),
      anyJson.map((signatures) => ({ ...document, signatures })),
      anyJson.map((entry) => ({ ...document, signatures: [entry] })),
      fc
        .dictionary(fc.string(), anyJson)
        .map((extra) => ({ ...extra, ...document, [Object.keys(extra)[0] ?? 'x']: 1 })),
      fc.string().map((protectedHeader) => ({
        ...document,
        signatures: [
          {
            protected: Buffer.from(protectedHeader).toString('base64url'),
            signature: document.signatures[0]?.signature,
          },
        ],
      })),
      fc.string().map((payloadText) => ({
        ...document,
        payload: Buffer.from(payloadText).toString('base64url'),
      })),
    );
    await fc.assert(
      fc.asyncProperty(mutations, async (mutated) => {
        const result = await verifyBundle(JSON.stringify(mutated), orgA.trust, now);
        expect(result.ok).toBe(false);
      }),
      { numRuns: 400 },
    );
  });
});

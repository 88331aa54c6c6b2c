import { beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json';
import { generateSigningKey, type SigningKey } from './generate-signing-key';
import type { KeySetClaims } from './key-set-claims';
import { signBundle } from './sign-bundle';
import { signKeySet } from './sign-key-set';
import { bundleClaimsFor, issuer, now, nowSeconds, signingKeysOf } from './testing/bundle-fixtures';
import { createOrgFixture, deepFreeze, type OrgFixture, signRawJws } from './testing/org-fixture';
import { trustFromEnrollment } from './trust-from-enrollment';
import type { RefusalReason, TrustState } from './trust-state';
import { verifyBundle } from './verify-bundle';
import { verifyKeySets } from './verify-key-sets';

let org: OrgFixture;
let other: OrgFixture;
let foreign: SigningKey;
let third: SigningKey;

beforeAll(async () => {
  [org, other, foreign, third] = await Promise.all([
    createOrgFixture('org_a'),
    createOrgFixture('org_b'),
    generateSigningKey(),
    generateSigningKey(),
  ]);
});

const keySetClaims = (
  version: number,
  keys: SigningKey[],
  overrides: Partial<KeySetClaims> = {},
): KeySetClaims => ({
  type: 'parapet.keyset/v1',
  org: 'org_a',
  version,
  iat: nowSeconds,
  keys: keys.map((key) => key.publicJwk),
  ...overrides,
});

describe('key rotation', () => {
  it('v1 → v2 = {new, old}: a bundle signed by both keys verifies for a device at v1 and at v2', async () => {
    const atV1 = deepFreeze(structuredClone(org.trust));
    const rotated = await verifyKeySets([org.keySets[1]], atV1, now);
    expect(rotated).toMatchObject({ ok: true, trust: { keySet: { version: 2 } } });
    if (!rotated.ok) return;
    expect(rotated.trust.keySet.keys.map((key) => key.kid)).toEqual([
      org.second.kid,
      org.first.kid,
    ]);

    const bundle = await signBundle({
      claims: bundleClaimsFor('org_a'),
      keys: signingKeysOf(org.second, org.first),
    });
    expect(await verifyBundle(bundle, atV1, now)).toMatchObject({ ok: true });
    expect(await verifyBundle(bundle, rotated.trust, now)).toMatchObject({ ok: true });
  });

  it('v3 = {new}: a device that skipped v2 applies [v2, v3], then trusts only the new key', async () => {
    const applied = await verifyKeySets([org.keySets[1], org.keySets[2]], org.trust, now);
    expect(applied).toMatchObject({
      ok: true,
      trust: { keySet: { version: 3 }, org: 'org_a', highestVer: 5 },
    });
    if (!applied.ok) return;
    expect(applied.trust.keySet.keys.map((key) => key.kid)).toEqual([org.second.kid]);
    const byOld = await signBundle({
      claims: bundleClaimsFor('org_a'),
      keys: signingKeysOf(org.first),
    });
    const byNew = await signBundle({
      claims: bundleClaimsFor('org_a'),
      keys: signingKeysOf(org.second),
    });
    expect(await verifyBundle(byOld, applied.trust, now)).toMatchObject({
      ok: false,
      refusal: { reason: 'unknown_kid' },
    });
    expect(await verifyBundle(byNew, applied.trust, now)).toMatchObject({ ok: true });
  });

  it('the whole chain from v1 can always be sent: sets at or below the trusted version are skipped', async () => {
    const atV2 = await verifyKeySets([org.keySets[1]], org.trust, now);
    if (!atV2.ok) throw new Error('fixture chain refused');
    expect(await verifyKeySets(org.keySets, atV2.trust, now)).toMatchObject({
      ok: true,
      trust: { keySet: { version: 3 } },
    });
    expect(await verifyKeySets([], atV2.trust, now)).toEqual({ ok: true, trust: atV2.trust });
  });

  it('ignores a second, different set numbered like one already applied', async () => {
    const impostor = await signKeySet({
      keySet: keySetClaims(2, [foreign, org.first]),
      keys: signingKeysOf(org.first, foreign),
    });
    const result = await verifyKeySets([org.keySets[1], impostor], org.trust, now);
    expect(result).toMatchObject({ ok: true, trust: { keySet: { version: 2 } } });
    if (result.ok)
      expect(result.trust.keySet.keys.map((key) => key.kid)).not.toContain(foreign.kid);
  });

  it('a device at v1 cannot jump to a v3 signed only by the new key', async () => {
    const result = await verifyKeySets([org.keySets[2]], org.trust, now);
    expect(result).toMatchObject({ ok: false, refusal: { reason: 'keyset_rollback' } });
    // Numbered 2 instead, the same set is refused for the chain: no key of v1 signed it.
    const renumbered = await signKeySet({
      keySet: keySetClaims(2, [org.second]),
      keys: signingKeysOf(org.second),
    });
    expect(await verifyKeySets([renumbered], org.trust, now)).toMatchObject({
      ok: false,
      refusal: { reason: 'keyset_chain_broken' },
    });
  });

  it.each<[string, () => Promise<string[]>, RefusalReason]>([
    [
      'a set signed by the previous key only, adding a key of someone else',
      async () => [
        await signKeySet({ keySet: keySetClaims(2, [foreign]), keys: signingKeysOf(org.first) }),
      ],
      'keyset_chain_broken',
    ],
    [
      'a set signed only by its own new key',
      async () => [
        await signKeySet({ keySet: keySetClaims(2, [foreign]), keys: signingKeysOf(foreign) }),
      ],
      'keyset_chain_broken',
    ],
    [
      'a set whose chain signature is forged under the old kid',
      async () => {
        const good = JSON.parse(
          await signKeySet({
            keySet: keySetClaims(2, [org.second, org.first]),
            keys: signingKeysOf(org.first, org.second),
          }),
        );
        good.signatures[0].signature = good.signatures[1].signature;
        return [JSON.stringify(good)];
      },
      'signature_invalid',
    ],
    ['a chain out of order', async () => [org.keySets[2], org.keySets[1]], 'keyset_rollback'],
    ["another org's set", async () => [other.keySets[1]], 'wrong_org'],
    [
      'a set whose kid is not its thumbprint',
      async () => {
        const keySet = keySetClaims(2, [org.second]);
        const forged = { ...keySet, keys: [{ ...org.second.publicJwk, kid: foreign.kid }] };
        const header = `{"alg":"EdDSA","kid":"${org.first.kid}","typ":"parapet-keyset+jws"}`;
        return [
          JSON.stringify(
            await signRawJws({
              payloadText: canonicalJson(forged),
              signers: [{ key: org.first, headerText: header }],
            }),
          ),
        ];
      },
      'malformed',
    ],
    [
      'a set issued more than 300 s ahead',
      async () => [
        await signKeySet({
          keySet: keySetClaims(2, [org.second, org.first], { iat: nowSeconds + 301 }),
          keys: signingKeysOf(org.first, org.second),
        }),
      ],
      'not_yet_valid',
    ],
    [
      'a bundle presented as a key set',
      async () => [
        await signBundle({ claims: bundleClaimsFor('org_a'), keys: signingKeysOf(org.first) }),
      ],
      'malformed',
    ],
    ['a good v2 followed by garbage', async () => [org.keySets[1], 'garbage'], 'malformed'],
  ])('refuses %s, applying nothing', async (_name, chain, reason) => {
    const trust = deepFreeze(structuredClone(org.trust));
    const result = await verifyKeySets(await chain(), trust, now);
    expect(result).toMatchObject({ ok: false, refusal: { reason } });
    expect(trust).toEqual(org.trust);
  });
});

describe('chain rule: a key of the previous set and every added key must sign', () => {
  /** A device that has applied v2 = {second, first}. */
  const atV2 = (): TrustState =>
    deepFreeze({
      ...structuredClone(org.trust),
      keySet: { version: 2, keys: [org.second.publicJwk, org.first.publicJwk] },
    });
  const atV1 = (): TrustState => deepFreeze(structuredClone(org.trust));
  const kidsOf = (trust: TrustState) => trust.keySet.keys.map((key) => key.kid);

  it.each<[string, () => TrustState, () => Promise<string>, () => string[]]>([
    [
      'a rotation v2 = {new, old} signed by old and new',
      atV1,
      () =>
        signKeySet({
          keySet: keySetClaims(2, [org.second, org.first]),
          keys: signingKeysOf(org.first, org.second),
        }),
      () => [org.second.kid, org.first.kid],
    ],
    [
      'a removal v3 = {new} signed by the key it keeps',
      atV2,
      () => signKeySet({ keySet: keySetClaims(3, [org.second]), keys: signingKeysOf(org.second) }),
      () => [org.second.kid],
    ],
    [
      'a set adding two keys, signed by the old key and both new ones',
      atV1,
      () =>
        signKeySet({
          keySet: keySetClaims(2, [org.second, third, org.first]),
          keys: signingKeysOf(org.first, org.second, third),
        }),
      () => [org.second.kid, third.kid, org.first.kid],
    ],
  ])('accepts %s', async (_name, trust, keySet, kids) => {
    const result = await verifyKeySets([await keySet()], trust(), now);
    expect(result).toMatchObject({ ok: true });
    if (result.ok) expect(kidsOf(result.trust)).toEqual(kids());
  });

  it.each<[string, () => TrustState, () => Promise<string>, () => RegExp]>([
    [
      'a rotation v2 = {new, old} signed by old only (possession of new never proven)',
      atV1,
      () =>
        signKeySet({
          keySet: keySetClaims(2, [org.second, org.first]),
          keys: signingKeysOf(org.first),
        }),
      () => new RegExp(`adds key ${org.second.kid} but is not signed by it`),
    ],
    [
      'a rotation v2 = {new, old} signed by new only (no signature from the previous set)',
      atV1,
      () =>
        signKeySet({
          keySet: keySetClaims(2, [org.second, org.first]),
          keys: signingKeysOf(org.second),
        }),
      () => /is not signed by a key of set 1/,
    ],
    [
      'a set adding two keys, signed by the old key and only one of them',
      atV1,
      () =>
        signKeySet({
          keySet: keySetClaims(2, [org.second, third, org.first]),
          keys: signingKeysOf(org.first, org.second),
        }),
      () => new RegExp(`adds key ${third.kid} but is not signed by it`),
    ],
    [
      'a set replacing the old key with two new ones, signed by the old key and only one of them',
      atV1,
      () =>
        signKeySet({
          keySet: keySetClaims(2, [third, org.second]),
          keys: signingKeysOf(org.first, org.second),
        }),
      () => new RegExp(`adds key ${third.kid} but is not signed by it`),
    ],
    [
      'a removal v3 = {new} signed only by the key it removes',
      atV2,
      () => signKeySet({ keySet: keySetClaims(3, [org.second]), keys: signingKeysOf(org.first) }),
      () => /is not signed by any of its own keys/,
    ],
  ])('refuses %s', async (_name, trust, keySet, message) => {
    const result = await verifyKeySets([await keySet()], trust(), now);
    expect(result).toMatchObject({
      ok: false,
      refusal: { reason: 'keyset_chain_broken', message: expect.stringMatching(message()) },
    });
  });
});

describe('trustFromEnrollment', () => {
  it('trusts key set 1 on first use and applies the rest of the chain', async () => {
    expect(
      await trustFromEnrollment({ org: 'org_a', iss: issuer, keySets: [org.keySets[0]], now }),
    ).toEqual({
      ok: true,
      trust: {
        org: 'org_a',
        iss: issuer,
        keySet: { version: 1, keys: [org.first.publicJwk] },
        highestVer: 0,
      },
    });
    expect(
      await trustFromEnrollment({ org: 'org_a', iss: issuer, keySets: org.keySets, now }),
    ).toEqual({
      ok: true,
      trust: {
        org: 'org_a',
        iss: issuer,
        keySet: { version: 3, keys: [org.second.publicJwk] },
        highestVer: 0,
      },
    });
  });

  it.each<[string, () => Promise<string[]>, RefusalReason]>([
    ['no key set', async () => [], 'keyset_chain_broken'],
    ['a first set that is version 2', async () => [org.keySets[1]], 'keyset_rollback'],
    [
      'a first set not signed by a key it contains',
      async () => [
        await signKeySet({ keySet: keySetClaims(1, [org.first]), keys: signingKeysOf(foreign) }),
      ],
      'keyset_chain_broken',
    ],
    [
      'a first set of two keys signed by only one of them',
      async () => [
        await signKeySet({
          keySet: keySetClaims(1, [org.first, third]),
          keys: signingKeysOf(org.first),
        }),
      ],
      'keyset_chain_broken',
    ],
    ["another org's first set", async () => [other.keySets[0]], 'wrong_org'],
    [
      'a broken chain after a good first set',
      async () => [org.keySets[0], org.keySets[2]],
      'keyset_rollback',
    ],
    ['a first set that is not JSON', async () => ['{'], 'malformed'],
  ])('refuses %s', async (_name, keySets, reason) => {
    const result = await trustFromEnrollment({
      org: 'org_a',
      iss: issuer,
      keySets: await keySets(),
      now,
    });
    expect(result).toMatchObject({ ok: false, refusal: { reason } });
  });
});

import { execFileSync, spawnSync } from 'node:child_process';
import { createPublicKey, verify } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { BundleFormatError } from './bundle-format-error';
import { canonicalJson } from './canonical-json';
import { generateSigningKey, type SigningKey } from './generate-signing-key';
import { signBundle } from './sign-bundle';
import { signKeySet } from './sign-key-set';
import { bundleClaimsFor, nowSeconds, signingKeysOf } from './testing/bundle-fixtures';

type Document = { payload: string; signatures: { protected: string; signature: string }[] };

let first: SigningKey;
let second: SigningKey;
let bundleText: string;

beforeAll(async () => {
  [first, second] = await Promise.all([generateSigningKey(), generateSigningKey()]);
  bundleText = await signBundle({
    claims: bundleClaimsFor('org_a'),
    keys: signingKeysOf(first, second),
  });
});

const fromBase64url = (text: string) => Buffer.from(text, 'base64url');

describe('signBundle', () => {
  it('writes the exact general JSON serialization of docs/distribution.md', () => {
    const document = JSON.parse(bundleText) as Document;
    expect(bundleText).toBe(canonicalJson(document));
    expect(Object.keys(document)).toEqual(['payload', 'signatures']);
    expect(fromBase64url(document.payload).toString('utf8')).toBe(
      canonicalJson(bundleClaimsFor('org_a')),
    );
    expect(
      document.signatures.map((signature) => fromBase64url(signature.protected).toString('utf8')),
    ).toEqual([
      `{"alg":"EdDSA","kid":"${first.kid}","typ":"parapet-bundle+jws"}`,
      `{"alg":"EdDSA","kid":"${second.kid}","typ":"parapet-bundle+jws"}`,
    ]);
    for (const signature of document.signatures)
      expect(Object.keys(signature)).toEqual(['protected', 'signature']);
  });

  it('is deterministic: Ed25519 and canonical JSON give the same bytes for the same input', async () => {
    const again = await signBundle({
      claims: bundleClaimsFor('org_a'),
      keys: signingKeysOf(first, second),
    });
    expect(again).toBe(bundleText);
  });

  it("verifies with Node's own Ed25519, independently of jose", () => {
    const document = JSON.parse(bundleText) as Document;
    const keys = [first, second];
    for (const [index, signature] of document.signatures.entries()) {
      const publicKey = createPublicKey({ key: keys[index]?.publicJwk ?? {}, format: 'jwk' });
      const signingInput = Buffer.from(`${signature.protected}.${document.payload}`);
      expect(verify(null, signingInput, publicKey, fromBase64url(signature.signature))).toBe(true);
      // A positive control on the verifier itself: one changed byte must fail.
      const tampered = Buffer.from(`${signature.protected}.${document.payload}x`);
      expect(verify(null, tampered, publicKey, fromBase64url(signature.signature))).toBe(false);
    }
  });

  const python = spawnSync('python3', ['-c', 'import cryptography'], { encoding: 'utf8' });
  const pythonReady = python.status === 0;
  if (!pythonReady)
    console.warn(
      'python3 with the cryptography package is absent: skipping the Python verification of a signed bundle',
    );

  it.skipIf(!pythonReady)(
    "verifies with Python's cryptography package, independently of JavaScript",
    () => {
      const document = JSON.parse(bundleText) as Document;
      const keys = [first, second];
      const cases = document.signatures.flatMap((signature, index) => {
        const input = `${signature.protected}.${document.payload}`;
        const x = keys[index]?.publicJwk.x;
        return [
          { x, input, signature: signature.signature },
          { x, input: `${input}x`, signature: signature.signature },
        ];
      });
      const script = [
        'import base64, json, sys',
        'from cryptography.exceptions import InvalidSignature',
        'from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey',
        'def b64(text): return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))',
        'results = []',
        'for case in json.load(sys.stdin):',
        '    key = Ed25519PublicKey.from_public_bytes(b64(case["x"]))',
        '    try:',
        '        key.verify(b64(case["signature"]), case["input"].encode("ascii"))',
        '        results.append(True)',
        '    except InvalidSignature:',
        '        results.append(False)',
        'print(json.dumps(results))',
      ].join('\n');
      const output = execFileSync('python3', ['-c', script], {
        input: JSON.stringify(cases),
        encoding: 'utf8',
      });
      expect(JSON.parse(output)).toEqual([true, false, true, false]);
    },
  );

  it.each<[string, () => Promise<unknown>, string]>([
    ['no key', () => signBundle({ claims: bundleClaimsFor('org_a'), keys: [] }), 'invalid_key'],
    [
      'the same key twice',
      () => signBundle({ claims: bundleClaimsFor('org_a'), keys: signingKeysOf(first, first) }),
      'invalid_key',
    ],
    [
      "a kid that is not the key's thumbprint",
      () =>
        signBundle({
          claims: bundleClaimsFor('org_a'),
          keys: [{ kid: second.kid, privateJwk: { ...first.privateJwk, kid: second.kid } }],
        }),
      'invalid_key',
    ],
    [
      'a private key that does not match its public key',
      () =>
        signBundle({
          claims: bundleClaimsFor('org_a'),
          keys: [{ kid: first.kid, privateJwk: { ...first.privateJwk, d: second.privateJwk.d } }],
        }),
      'invalid_key',
    ],
    [
      'a negative ver',
      () =>
        signBundle({ claims: bundleClaimsFor('org_a', { ver: -1 }), keys: signingKeysOf(first) }),
      'invalid_claims',
    ],
    [
      'a fractional iat',
      () =>
        signBundle({ claims: bundleClaimsFor('org_a', { iat: 1.5 }), keys: signingKeysOf(first) }),
      'invalid_claims',
    ],
    [
      'a policy that is an array',
      () =>
        signBundle({
          claims: bundleClaimsFor('org_a', { policy: [] as never }),
          keys: signingKeysOf(first),
        }),
      'invalid_claims',
    ],
    [
      'a policy holding undefined',
      () =>
        signBundle({
          claims: bundleClaimsFor('org_a', { policy: { a: undefined } }),
          keys: signingKeysOf(first),
        }),
      'not_json_value',
    ],
    [
      'a key set whose kid is not a thumbprint',
      () =>
        signKeySet({
          keySet: {
            type: 'parapet.keyset/v1',
            org: 'org_a',
            version: 1,
            iat: nowSeconds,
            keys: [{ ...first.publicJwk, kid: second.kid }],
          },
          keys: signingKeysOf(first),
        }),
      'invalid_claims',
    ],
    [
      'a key set carrying a private key',
      () =>
        signKeySet({
          keySet: {
            type: 'parapet.keyset/v1',
            org: 'org_a',
            version: 1,
            iat: nowSeconds,
            keys: [first.privateJwk],
          },
          keys: signingKeysOf(first),
        }),
      'invalid_claims',
    ],
  ])('refuses to sign with %s', async (_name, attempt, reason) => {
    const error = await attempt().then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(BundleFormatError);
    expect(error).toMatchObject({ reason });
  });
});

describe('signKeySet', () => {
  it('signs canonical key set claims with the keyset typ', async () => {
    const keySet = {
      type: 'parapet.keyset/v1' as const,
      org: 'org_a',
      version: 2,
      iat: nowSeconds,
      keys: [second.publicJwk, first.publicJwk],
    };
    const text = await signKeySet({ keySet, keys: signingKeysOf(first, second) });
    const document = JSON.parse(text) as Document;
    expect(fromBase64url(document.payload).toString('utf8')).toBe(canonicalJson(keySet));
    expect(fromBase64url(document.signatures[0]?.protected ?? '').toString('utf8')).toBe(
      `{"alg":"EdDSA","kid":"${first.kid}","typ":"parapet-keyset+jws"}`,
    );
  });
});

import { importJWK } from 'jose';
import { generateSigningKey, type SigningKey } from '../generate-signing-key';
import { keySetType } from '../key-set-claims';
import { signKeySet } from '../sign-key-set';
import type { TrustState } from '../trust-state';
import { issuer, nowSeconds, signingKeysOf } from './bundle-fixtures';

export type OrgFixture = {
  org: string;
  first: SigningKey;
  second: SigningKey;
  /** v1 = {first}; v2 = {second, first} signed by both; v3 = {second} signed by second. */
  keySets: [string, string, string];
  /** A device enrolled at key set 1 that has accepted bundles up to ver 5. */
  trust: TrustState;
};

export async function createOrgFixture(org: string): Promise<OrgFixture> {
  const [first, second] = await Promise.all([generateSigningKey(), generateSigningKey()]);
  const keySet = (version: number, keys: SigningKey[]) => ({
    type: keySetType,
    org,
    version,
    iat: nowSeconds - 3600 + version,
    keys: keys.map((key) => key.publicJwk),
  });
  const keySets: [string, string, string] = [
    await signKeySet({ keySet: keySet(1, [first]), keys: signingKeysOf(first) }),
    await signKeySet({ keySet: keySet(2, [second, first]), keys: signingKeysOf(first, second) }),
    await signKeySet({ keySet: keySet(3, [second]), keys: signingKeysOf(second) }),
  ];
  const trust: TrustState = {
    org,
    iss: issuer,
    keySet: { version: 1, keys: [first.publicJwk] },
    highestVer: 5,
  };
  return { org, first, second, keySets, trust };
}

type RawSignature = { protected: string; signature: string; header?: unknown };
export type RawJws = { payload: string; signatures: RawSignature[] };

const encode = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

/**
 * Signs any payload text under any protected header text, bypassing every check signBundle makes,
 * so a test can hand the verifier a validly signed document that breaks one rule.
 */
export async function signRawJws(options: {
  payloadText: string;
  signers: { key: SigningKey; headerText?: string }[];
}): Promise<RawJws> {
  const payload = encode(options.payloadText);
  const signatures = [];
  for (const { key, headerText } of options.signers) {
    const protectedHeader = encode(
      headerText ?? `{"alg":"EdDSA","kid":"${key.kid}","typ":"parapet-bundle+jws"}`,
    );
    const privateKey = await importJWK(key.privateJwk, 'EdDSA');
    if (privateKey instanceof Uint8Array) throw new Error('expected a CryptoKey');
    const signature = await globalThis.crypto.subtle.sign(
      'Ed25519',
      privateKey,
      new TextEncoder().encode(`${protectedHeader}.${payload}`),
    );
    signatures.push({
      protected: protectedHeader,
      signature: Buffer.from(signature).toString('base64url'),
    });
  }
  return { payload, signatures };
}

/** Freezes a value all the way down, so a verifier that mutated its input would throw. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const member of Object.values(value)) deepFreeze(member);
    Object.freeze(value);
  }
  return value;
}

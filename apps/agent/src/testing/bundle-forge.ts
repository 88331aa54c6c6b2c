import { createHash } from 'node:crypto';
import {
  type BundleClaims,
  canonicalJson,
  generateSigningKey,
  type SigningKey,
  signBundle,
  signKeySet,
} from '@parapet/bundle';
import { compilePolicy, type EffectivePolicy } from '@parapet/policy';
import { GeneralSign, importJWK } from 'jose';

// Signed material for the agent's tests, made with @parapet/bundle as the control plane makes
// it, plus the raw JWS writer an attacker would use for what @parapet/bundle refuses to sign.

export const ISSUER = 'https://parapet.test';

export interface OrgSigning {
  readonly org: string;
  readonly issuer: string;
  /** The keys of the current key set; bundles are signed by all of them. */
  readonly keys: readonly SigningKey[];
  /** The signed key-set chain, version 1 first. */
  readonly keySets: readonly string[];
}

const keyInputs = (keys: readonly SigningKey[]) =>
  keys.map(({ kid, privateJwk }) => ({ kid, privateJwk }));

export async function createOrgSigning(org: string, issuer = ISSUER): Promise<OrgSigning> {
  const key = await generateSigningKey();
  const keySet = await signKeySet({
    keySet: {
      type: 'parapet.keyset/v1',
      org,
      version: 1,
      iat: nowSeconds(),
      keys: [key.publicJwk],
    },
    keys: keyInputs([key]),
  });
  return { org, issuer, keys: [key], keySets: [keySet] };
}

/** A rotation: the next key set holds a new key and the old ones, signed by both. */
export async function rotateKeys(signing: OrgSigning): Promise<OrgSigning> {
  const fresh = await generateSigningKey();
  const keys = [fresh, ...signing.keys];
  const keySet = await signKeySet({
    keySet: {
      type: 'parapet.keyset/v1',
      org: signing.org,
      version: signing.keySets.length + 1,
      iat: nowSeconds(),
      keys: keys.map((key) => key.publicJwk),
    },
    keys: keyInputs(keys),
  });
  return { ...signing, keys, keySets: [...signing.keySets, keySet] };
}

export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

/** guardrails deny the metadata address; baseline allows github; engineering adds npm. */
export function testPolicy(options: { githubAction?: 'allow' | 'deny' } = {}): EffectivePolicy {
  return compilePolicy({
    guardrails: {
      network: { rules: [{ id: 'no-metadata', action: 'deny', cidrs: ['169.254.169.254/32'] }] },
    },
    baseline: {
      network: {
        rules: [
          {
            id: 'github',
            action: options.githubAction ?? 'allow',
            hosts: ['github.com'],
            ports: [443],
          },
        ],
      },
    },
    groups: {
      engineering: {
        network: { rules: [{ id: 'npm', action: 'allow', hosts: ['registry.npmjs.org'] }] },
      },
    },
  }).toJSON();
}

export function claimsFor(
  signing: OrgSigning,
  overrides: Omit<Partial<BundleClaims>, 'policy'> & { policy?: EffectivePolicy | object } = {},
): BundleClaims {
  const policy = (overrides.policy ?? testPolicy()) as Record<string, unknown>;
  const digest = createHash('sha256').update(canonicalJson(policy)).digest('hex');
  const iat = nowSeconds() - 60;
  return {
    iss: signing.issuer,
    org: signing.org,
    sub: `ep_${digest.slice(0, 32)}`,
    ver: 1,
    iat,
    exp: iat + 86_400,
    policyVersion: 1,
    groups: ['engineering'],
    ...overrides,
    policy,
  };
}

export function signClaims(signing: OrgSigning, claims: BundleClaims): Promise<string> {
  return signBundle({ claims, keys: keyInputs(signing.keys) });
}

/**
 * A general-serialization JWS over any payload bytes with any protected header, signed by any
 * key: what an attacker can produce and @parapet/bundle will not.
 */
export async function signRaw(options: {
  payload: string;
  header: Record<string, unknown>;
  key: SigningKey;
}): Promise<string> {
  const privateKey = await importJWK(options.key.privateJwk, 'EdDSA');
  const signer = new GeneralSign(new TextEncoder().encode(options.payload));
  signer.addSignature(privateKey).setProtectedHeader(options.header as { alg: string });
  const jws = await signer.sign();
  return JSON.stringify({
    payload: jws.payload,
    signatures: jws.signatures.map(({ protected: header, signature }) => ({
      protected: header,
      signature,
    })),
  });
}

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64url');
const unb64 = (text: string) => Buffer.from(text, 'base64url').toString('utf8');

/** The parts of a general JWS, for tampering. */
export function splitJws(text: string): {
  payload: string;
  claimsText: string;
  signatures: { protected: string; signature: string }[];
} {
  const jws = JSON.parse(text) as {
    payload: string;
    signatures: { protected: string; signature: string }[];
  };
  return { payload: jws.payload, claimsText: unb64(jws.payload), signatures: jws.signatures };
}

export const base64url = { encode: b64, decode: unb64 };

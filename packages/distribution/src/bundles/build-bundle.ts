import { createHash } from 'node:crypto';
import {
  type BundleClaims,
  canonicalJson,
  type SigningKeyInput,
  signBundle,
} from '@parapet/bundle';
import { effectivePolicyFor } from '@parapet/policy-admin';
import { epochSeconds } from '../keys/key-set-document';
import type { PublishedPolicy } from './load-published-policy';

export type BuiltBundle = {
  document: string;
  etag: string;
  sub: string;
  iat: Date;
  exp: Date;
};

/**
 * Signs the bundle of one group set (docs/distribution.md, "Bundle"): the effective policy kept
 * to guardrails, baseline and `groups`, signed by every key of the current key set.
 */
export async function buildBundle({
  orgId,
  issuer,
  ver,
  policy,
  groups,
  signers,
  now,
  ttlSeconds,
}: {
  orgId: string;
  issuer: string;
  ver: number;
  policy: PublishedPolicy;
  groups: string[];
  signers: SigningKeyInput[];
  now: Date;
  ttlSeconds: number;
}): Promise<BuiltBundle> {
  const effective = effectivePolicyFor(policy.compiled, groups);
  const iat = epochSeconds(now);
  const claims: BundleClaims = {
    iss: issuer,
    org: orgId,
    sub: `ep_${sha256(canonicalJson(effective)).toString('hex').slice(0, 32)}`,
    ver,
    iat,
    exp: iat + ttlSeconds,
    policyVersion: policy.version,
    groups,
    policy: effective as unknown as Record<string, unknown>,
  };
  const document = await signBundle({ claims, keys: signers });
  return {
    document,
    etag: `"${sha256(document).toString('base64url')}"`,
    sub: claims.sub,
    iat: new Date(iat * 1000),
    exp: new Date(claims.exp * 1000),
  };
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

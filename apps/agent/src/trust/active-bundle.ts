import type { BundleClaims } from '@parapet/bundle';
import type { CompiledPolicy } from '@parapet/policy';

/** The bundle the agent enforces: verified claims and the policy compiled from them. */
export interface ActiveBundle {
  readonly text: string;
  readonly etag: string;
  readonly claims: BundleClaims;
  readonly policy: CompiledPolicy;
  /** Past its `exp`: still enforced as the last good bundle, and reported as stale. */
  readonly stale: boolean;
}

/** Why the agent refuses a bundle: the verifier's reasons, plus a policy it cannot compile. */
export interface BundleRefusal {
  readonly reason: string;
  readonly message: string;
}

/** The strong ETag of a bundle's bytes (docs/distribution.md, "Bundle"). */
export async function bundleEtag(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return `"${Buffer.from(digest).toString('base64url')}"`;
}

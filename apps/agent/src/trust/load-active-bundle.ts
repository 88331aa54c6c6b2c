import { verifyBundle } from '@parapet/bundle';
import type { LastGood } from '../state/agent-state';
import { compileBundlePolicy } from './accept-bundle';
import { type ActiveBundle, type BundleRefusal, bundleEtag } from './active-bundle';

export type LoadedBundle =
  | { readonly ok: true; readonly active: ActiveBundle }
  | { readonly ok: false; readonly refusal: BundleRefusal };

/** The `iat` a bundle claims, read without trusting it: only used to re-check an expired one. */
function claimedIssuedAt(text: string): number | undefined {
  try {
    const { payload } = JSON.parse(text) as { payload?: unknown };
    if (typeof payload !== 'string') return undefined;
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as {
      iat?: unknown;
    };
    return typeof claims.iat === 'number' ? claims.iat : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Verifies the stored last good bundle again before using it: the state folder is only a file
 * tree, and whoever can edit it must not be able to change what is enforced. A bundle that is
 * valid except for having expired is still the last good one: it stays enforced, marked stale,
 * since the alternative (an older bundle, or none) is never better.
 */
export async function loadActiveBundle(lastGood: LastGood, now: Date): Promise<LoadedBundle> {
  const stored = lastGood.bundle;
  if (stored === null) {
    return {
      ok: false,
      refusal: { reason: 'no_bundle', message: 'no bundle has been accepted yet' },
    };
  }
  let verified = await verifyBundle(stored.text, lastGood.trust, now);
  let stale = false;
  if (!verified.ok && verified.refusal.reason === 'expired') {
    const issuedAt = claimedIssuedAt(stored.text);
    if (issuedAt !== undefined) {
      verified = await verifyBundle(stored.text, lastGood.trust, new Date(issuedAt * 1000));
      stale = verified.ok;
    }
  }
  if (!verified.ok) {
    return {
      ok: false,
      refusal: {
        reason: verified.refusal.reason,
        message: `the stored bundle no longer verifies: ${verified.refusal.message}`,
      },
    };
  }
  const compiled = compileBundlePolicy(verified.claims);
  if (!compiled.ok) return compiled;
  // The ETag is recomputed rather than read back, so it always names the bytes enforced.
  const etag = await bundleEtag(new TextEncoder().encode(stored.text));
  return {
    ok: true,
    active: { text: stored.text, etag, claims: verified.claims, policy: compiled.policy, stale },
  };
}

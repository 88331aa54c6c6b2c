import type { TrustState } from '@parapet/bundle';
import { readLastGood, updatePullStatus, writeLastGood } from '../state/agent-state';
import { withStateLock } from '../state/state-folder';
import { acceptBundle } from '../trust/accept-bundle';
import { type ActiveBundle, type BundleRefusal, bundleEtag } from '../trust/active-bundle';
import type { Agent } from './open-agent';

export type PullOutcome =
  | { readonly kind: 'accepted'; readonly active: ActiveBundle; readonly trust: TrustState }
  /** `edgeEtag`: the ETag of what the edge serves (the one asked about, or the last good one). */
  | { readonly kind: 'unchanged'; readonly edgeEtag: string | undefined }
  | { readonly kind: 'refused'; readonly refusal: BundleRefusal; readonly etag: string };

/** The `kid`s a bundle's signatures name, read loosely: verification judges the rest. */
function signatureKids(text: string): string[] {
  try {
    const { signatures } = JSON.parse(text) as { signatures?: unknown };
    if (!Array.isArray(signatures)) return [];
    return signatures.flatMap((signature: { protected?: unknown }) => {
      if (typeof signature?.protected !== 'string') return [];
      const header = JSON.parse(Buffer.from(signature.protected, 'base64url').toString('utf8'));
      return typeof header?.kid === 'string' ? [header.kid] : [];
    });
  } catch {
    return [];
  }
}

/**
 * Newer key sets are fetched when the edge says a newer set exists or the bundle names a key the
 * device does not know. Either may be a lie; the key sets are verified against the trusted chain.
 */
function needsKeySets(text: string, keySetVersion: number | undefined, trust: TrustState): boolean {
  if (keySetVersion !== undefined && keySetVersion > trust.keySet.version) return true;
  const known = new Set(trust.keySet.keys.map((key) => key.kid));
  return signatureKids(text).some((kid) => !known.has(kid));
}

/**
 * One bundle request: unchanged (304, or the same bytes again), accepted (verified, compiled and
 * persisted together with the new trust state) or refused (the last good bundle stays). Network
 * and edge failures are thrown as `AgentError`s; the caller records them.
 */
export async function pullBundle(
  agent: Agent,
  options: { ifNoneMatch?: string; waitSeconds?: number; signal?: AbortSignal } = {},
): Promise<PullOutcome> {
  const { stateDir, client, session } = agent;
  const lastGood = await readLastGood(stateDir);
  const ifNoneMatch = options.ifNoneMatch ?? lastGood.bundle?.etag;
  const response = await session.withToken((accessToken) =>
    client.getBundle({
      accessToken,
      ifNoneMatch,
      waitSeconds: options.waitSeconds,
      signal: options.signal,
    }),
  );
  const pulledAt = agent.now().toISOString();
  if (response.kind === 'unchanged') {
    await updatePullStatus(stateDir, { lastPullAt: pulledAt, lastError: null });
    return { kind: 'unchanged', edgeEtag: ifNoneMatch };
  }
  const etag = await bundleEtag(response.bytes);
  if (etag === lastGood.bundle?.etag) {
    await updatePullStatus(stateDir, { lastPullAt: pulledAt, lastError: null });
    return { kind: 'unchanged', edgeEtag: etag };
  }
  const keySets = needsKeySets(response.text, response.keySetVersion, lastGood.trust)
    ? await session.withToken((accessToken) => client.getKeys(accessToken))
    : undefined;

  return withStateLock(stateDir, async () => {
    // Read again under the lock: another agent may have raised highestVer meanwhile.
    const current = await readLastGood(stateDir);
    const result = await acceptBundle({
      text: response.text,
      trust: current.trust,
      keySets,
      now: agent.now(),
    });
    if (!result.ok) {
      const at = agent.now().toISOString();
      const { reason, message } = result.refusal;
      await updatePullStatus(stateDir, {
        lastPullAt: pulledAt,
        lastRefusal: { reason, message, at, etag },
        lastError: { code: reason, message, at },
      });
      return { kind: 'refused', refusal: result.refusal, etag };
    }
    await writeLastGood(stateDir, {
      trust: result.trust,
      bundle: { text: response.text, etag, acceptedAt: agent.now().toISOString() },
    });
    await updatePullStatus(stateDir, { lastPullAt: pulledAt, lastError: null });
    const active = {
      text: response.text,
      etag,
      claims: result.claims,
      policy: result.policy,
      stale: false,
    };
    return { kind: 'accepted', active, trust: result.trust };
  });
}

import { setTimeout as sleep } from 'node:timers/promises';
import { AgentError, describeError } from '../agent-error';
import { type BundleListener, notifyBundleListeners } from '../enforcement/bundle-listener';
import { readLastGood, updatePullStatus } from '../state/agent-state';
import { loadActiveBundle } from '../trust/load-active-bundle';
import type { Agent } from './open-agent';
import { pullBundle } from './pull-bundle';
import { reportStatus, worthReporting } from './report-status';

/** One line of `pull --watch` output. */
export type WatchEvent =
  | { event: 'started'; ver: number | null; stale: boolean }
  | {
      event: 'bundle';
      ver: number;
      etag: string;
      sub: string;
      policyVersion: number;
      keySetVersion: number;
    }
  | { event: 'unchanged' }
  | { event: 'refused'; reason: string; message: string; retryInMs: number }
  | { event: 'error'; code: string; message: string; retryInMs: number }
  | { event: 'device_refused'; code: string; message: string }
  | { event: 'warning'; message: string };

/**
 * The shortest time between two polls. An edge that answers at once instead of holding the
 * request (broken, or hostile) must not make the agent spin.
 */
const MIN_POLL_INTERVAL_MS = 1000;

/** Failures that retrying cannot fix: the state folder itself is wrong. */
const FATAL = new Set(['NOT_ENROLLED', 'STATE_INVALID', 'STATE_INSECURE', 'USAGE']);

/**
 * Exponential backoff with jitter: 1 s, 2 s, 4 s… up to 60 s, each drawn between half and all of
 * that, so a fleet that lost its edge at the same moment does not come back in step.
 */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(60_000, 1000 * 2 ** Math.min(attempt - 1, 16));
  return Math.round(ceiling * (0.5 + random() / 2));
}

function isAbort(error: unknown, signal: AbortSignal): boolean {
  return signal.aborted || (error instanceof Error && error.name === 'AbortError');
}

/**
 * Keeps the device current: long-polls the edge, accepts or refuses what it serves, tells the
 * listeners and the edge after every change and refusal, and rides out outages with backoff.
 * Returns when `signal` aborts, or with `device_refused` when the edge refuses the device.
 */
export async function watchBundles(
  agent: Agent,
  options: {
    waitSeconds: number;
    signal: AbortSignal;
    emit: (event: WatchEvent) => void;
    listeners?: readonly BundleListener[];
    backoff?: (attempt: number) => number;
  },
): Promise<'stopped' | 'device_refused'> {
  const { signal, emit, listeners = [] } = options;
  const backoff = options.backoff ?? backoffDelay;
  const warn = (problem: string | null) => {
    if (problem !== null) emit({ event: 'warning', message: problem });
  };
  const notify = async (active: Parameters<BundleListener['onBundleChanged']>[0]) => {
    for (const failure of await notifyBundleListeners(listeners, active)) {
      warn(`an enforcement listener failed: ${describeError(failure)}`);
    }
  };

  const loaded = await loadActiveBundle(await readLastGood(agent.stateDir), agent.now());
  emit({
    event: 'started',
    ver: loaded.ok ? loaded.active.claims.ver : null,
    stale: loaded.ok && loaded.active.stale,
  });
  if (loaded.ok) await notify(loaded.active);
  warn(await reportStatus(agent));

  // After a refusal, ask for something other than the refused bytes, so a misbehaving edge is
  // not asked for the same bundle again and again; the last good bundle stays in force.
  let refusedEtag: string | undefined;
  let failures = 0;
  while (!signal.aborted) {
    const pollStarted = Date.now();
    let retryInMs = 0;
    try {
      const outcome = await pullBundle(agent, {
        waitSeconds: options.waitSeconds,
        signal,
        ...(refusedEtag === undefined ? {} : { ifNoneMatch: refusedEtag }),
      });
      if (outcome.kind === 'unchanged') {
        failures = 0;
        // The edge serves the last good bundle again: the refused one is gone.
        if (outcome.edgeEtag !== refusedEtag) refusedEtag = undefined;
        retryInMs = MIN_POLL_INTERVAL_MS - (Date.now() - pollStarted);
        emit({ event: 'unchanged' });
      } else if (outcome.kind === 'accepted') {
        failures = 0;
        refusedEtag = undefined;
        const { claims, etag } = outcome.active;
        emit({
          event: 'bundle',
          ver: claims.ver,
          etag,
          sub: claims.sub,
          policyVersion: claims.policyVersion,
          keySetVersion: outcome.trust.keySet.version,
        });
        await notify(outcome.active);
        warn(await reportStatus(agent));
      } else {
        failures += 1;
        refusedEtag = outcome.etag;
        retryInMs = backoff(failures);
        emit({ event: 'refused', ...outcome.refusal, retryInMs });
        warn(await reportStatus(agent));
      }
    } catch (error) {
      if (isAbort(error, signal)) break;
      if (!(error instanceof AgentError) || FATAL.has(error.code)) throw error;
      const at = agent.now().toISOString();
      const code = error.edgeCode ?? error.code;
      await updatePullStatus(agent.stateDir, { lastError: { code, message: error.message, at } });
      if (error.code === 'DEVICE_REFUSED') {
        emit({ event: 'device_refused', code, message: error.message });
        return 'device_refused';
      }
      failures += 1;
      retryInMs = backoff(failures);
      emit({ event: 'error', code, message: error.message, retryInMs });
      if (worthReporting(error)) warn(await reportStatus(agent));
    }
    if (retryInMs > 0) {
      try {
        await sleep(retryInMs, undefined, { signal });
      } catch {
        break;
      }
    }
  }
  return 'stopped';
}

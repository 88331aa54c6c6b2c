import { type AgentError, describeError } from '../agent-error';
import { readLastGood, readPullStatus } from '../state/agent-state';
import { loadActiveBundle } from '../trust/load-active-bundle';
import { agentVersion } from '../version';
import type { Agent } from './open-agent';

/**
 * Tells the edge what this device enforces and what went wrong last (docs/distribution.md,
 * "Device status"): the bundle `decide` would use, verified as `decide` verifies it. Best
 * effort: a status that cannot be sent is returned as a problem to print, never a reason to
 * stop enforcing or pulling.
 */
export async function reportStatus(agent: Agent): Promise<string | null> {
  try {
    const [lastGood, status] = await Promise.all([
      readLastGood(agent.stateDir),
      readPullStatus(agent.stateDir),
    ]);
    const loaded = await loadActiveBundle(lastGood, agent.now());
    const active = loaded.ok
      ? { activeVer: loaded.active.claims.ver, activeEtag: loaded.active.etag }
      : {};
    await agent.session.withToken((accessToken) =>
      agent.client.postStatus(accessToken, {
        agentVersion,
        ...active,
        lastError: status.lastError,
      }),
    );
    return null;
  } catch (error) {
    return `could not report status to the edge: ${describeError(error)}`;
  }
}

/**
 * Whether a failure is worth telling the edge about: not when the edge could not be reached
 * (it cannot be told either) or refused this device's credentials (it would refuse the report).
 */
export function worthReporting(error: AgentError): boolean {
  if (error.code === 'EDGE_UNREACHABLE' || error.code === 'DEVICE_REFUSED') return false;
  return error.status !== 401 && error.status !== 403;
}

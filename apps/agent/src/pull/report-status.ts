import { type AgentError, describeError } from '../agent-error';
import { droppedEvents, readBufferState } from '../events/buffer-state';
import { updateBufferState } from '../events/upload-batch';
import { readLastGood, readPullStatus } from '../state/agent-state';
import { loadActiveBundle } from '../trust/load-active-bundle';
import { agentVersion } from '../version';
import type { Agent } from './open-agent';

/**
 * Tells the edge what this device enforces and what went wrong last (docs/distribution.md,
 * "Device status"): the bundle `decide` would use, verified as `decide` verifies it, and the
 * events its buffer lost (`droppedEvents`). Best
 * effort: a status that cannot be sent is returned as a problem to print, never a reason to
 * stop enforcing or pulling.
 */
export async function reportStatus(agent: Agent): Promise<string | null> {
  try {
    const [lastGood, status, buffer] = await Promise.all([
      readLastGood(agent.stateDir),
      readPullStatus(agent.stateDir),
      readBufferState(agent.stateDir),
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
        ...(buffer === undefined ? {} : { droppedEvents: droppedEvents(buffer) }),
      }),
    );
    if (buffer !== undefined && droppedEvents(buffer) !== buffer.reportedDropped) {
      const told = droppedEvents(buffer);
      await updateBufferState(agent.stateDir, (state) => ({ ...state, reportedDropped: told }));
    }
    return null;
  } catch (error) {
    return `could not report status to the edge: ${describeError(error)}`;
  }
}

/**
 * Sends a status when the buffer lost events since the last one the edge received, so the
 * console's count is current without a report after every upload.
 */
export async function reportDroppedEvents(agent: Agent): Promise<string | null> {
  const buffer = await readBufferState(agent.stateDir).catch(() => undefined);
  if (buffer === undefined || droppedEvents(buffer) === buffer.reportedDropped) return null;
  return reportStatus(agent);
}

/**
 * Whether a failure is worth telling the edge about: not when the edge could not be reached
 * (it cannot be told either) or refused this device's credentials (it would refuse the report).
 */
export function worthReporting(error: AgentError): boolean {
  if (error.code === 'EDGE_UNREACHABLE' || error.code === 'DEVICE_REFUSED') return false;
  return error.status !== 401 && error.status !== 403;
}

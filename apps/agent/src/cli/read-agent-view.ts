import type { TrustState } from '@parapet/bundle';
import {
  type DeviceRecord,
  type LastGood,
  type PullStatus,
  readDevice,
  readLastGood,
  readPullStatus,
} from '../state/agent-state';
import type { BundleRefusal } from '../trust/active-bundle';
import { type LoadedBundle, loadActiveBundle } from '../trust/load-active-bundle';

/** Everything `status` and `show` print, read once and verified as `decide` would. */
export interface AgentView {
  readonly device: DeviceRecord;
  readonly lastGood: LastGood;
  readonly trust: TrustState;
  readonly loaded: LoadedBundle;
  readonly status: PullStatus;
}

export async function readAgentView(stateDir: string, now: Date): Promise<AgentView> {
  const device = await readDevice(stateDir);
  const [lastGood, status] = await Promise.all([readLastGood(stateDir), readPullStatus(stateDir)]);
  const loaded = await loadActiveBundle(lastGood, now);
  return { device, lastGood, trust: lastGood.trust, loaded, status };
}

export function activeProblem(loaded: LoadedBundle): BundleRefusal | null {
  return loaded.ok ? null : loaded.refusal;
}

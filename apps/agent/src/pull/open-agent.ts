import { DeviceSession } from '../edge-client/device-session';
import { EdgeClient } from '../edge-client/edge-client';
import { type DeviceRecord, readDevice, readDeviceKey } from '../state/agent-state';

/** An enrolled agent, ready to talk to its edge. */
export interface Agent {
  readonly stateDir: string;
  readonly device: DeviceRecord;
  readonly client: EdgeClient;
  readonly session: DeviceSession;
  readonly now: () => Date;
}

export async function openAgent(
  stateDir: string,
  options: { now?: () => Date } = {},
): Promise<Agent> {
  const device = await readDevice(stateDir);
  const key = await readDeviceKey(stateDir);
  const now = options.now ?? (() => new Date());
  const client = new EdgeClient(device.server);
  const session = new DeviceSession({
    client,
    stateDir,
    device: device.device,
    key,
    now: () => now().getTime(),
  });
  return { stateDir, device, client, session, now };
}

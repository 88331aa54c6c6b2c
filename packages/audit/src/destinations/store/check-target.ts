import { AppError } from '@parapet/errors';
import type { DestinationNetworkPolicy } from '../../deliver/destination-network-policy';
import { checkDestinationTarget } from '../../deliver/destination-target';
import type { DestinationConfig } from '../destination-schemas';

/** Which addresses destinations may reach, as the operator configured it. */
export type DestinationNetwork = DestinationNetworkPolicy;

/**
 * Refuses a destination whose URL or host the operator's network policy does not allow (a
 * link-local or metadata address, plain http beyond loopback…), as an INVALID_INPUT on the field
 * that names it, so the form shows the reason beside it.
 */
export async function assertTargetAllowed(
  config: DestinationConfig,
  network: DestinationNetwork,
): Promise<void> {
  const checked = await checkDestinationTarget(config, network);
  if (checked.ok) return;
  const field = config.type === 'syslog' ? 'host' : 'url';
  const message = `This destination cannot be reached: ${checked.message}.`;
  throw new AppError('INVALID_INPUT', message, { fieldErrors: { [field]: [message] } });
}

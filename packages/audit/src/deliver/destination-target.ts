import type { DestinationConfig } from '../destinations/destination-schemas';
import type { DestinationNetworkPolicy } from './destination-network-policy';
import { resolveDestinationHost } from './resolve-destination-host';

/** Where a destination connects: its host and whether the connection is unencrypted. */
export function destinationTarget(
  config: DestinationConfig,
): { ok: true; host: string; plain: boolean } | { ok: false; message: string } {
  if (config.type === 'syslog') {
    return { ok: true, host: config.host, plain: config.transport === 'tcp' };
  }
  let url: URL;
  try {
    url = new URL(config.url);
  } catch {
    return { ok: false, message: 'the URL is not valid' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { ok: false, message: `${url.protocol} URLs are not supported (use https://)` };
  }
  return { ok: true, host: url.hostname, plain: url.protocol === 'http:' };
}

/**
 * The save-time check of a destination's address (console and admin API): the scheme, then
 * every address its host resolves to, against the operator's policy. The worker checks again at
 * every connection, since DNS answers change.
 */
export async function checkDestinationTarget(
  config: DestinationConfig,
  network: DestinationNetworkPolicy,
): Promise<{ ok: true } | { ok: false; message: string }> {
  const target = destinationTarget(config);
  if (!target.ok) return target;
  const resolved = await resolveDestinationHost({
    host: target.host,
    policy: network,
    plain: target.plain,
  });
  return resolved.ok ? { ok: true } : { ok: false, message: resolved.message };
}

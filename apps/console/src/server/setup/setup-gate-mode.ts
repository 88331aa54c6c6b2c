import { isLoopbackHost } from '../bootstrap/plan-listener';

export type SetupGateMode = 'open' | 'token';

/**
 * Whether /setup asks for the one-time setup token. Whoever completes setup becomes the owner,
 * so on an install others can reach before its owner exists, the first visitor must prove they
 * can read the console's log. Only a laptop's first run stays open: the embedded database on a
 * loopback listener with no reverse proxy declared, which nobody else can reach. A server
 * database, any other address, a declared proxy, or a token given in PARAPET_SETUP_TOKEN all
 * mean a token.
 */
export function setupGateMode({
  host,
  embedded,
  trustedProxyCount,
  tokenFromEnv,
}: {
  host: string;
  embedded: boolean;
  trustedProxyCount: number;
  tokenFromEnv: boolean;
}): SetupGateMode {
  const laptop = isLoopbackHost(host) && embedded && trustedProxyCount === 0;
  return laptop && !tokenFromEnv ? 'open' : 'token';
}

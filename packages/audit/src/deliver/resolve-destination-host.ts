import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { checkAddress } from './check-address';
import type { DestinationNetworkPolicy } from './destination-network-policy';

export type ResolvedHost =
  | { ok: true; addresses: { address: string; family: 4 | 6 }[] }
  | { ok: false; message: string };

const RESOLVE_TIMEOUT_MS = 5_000;

/**
 * Resolves a destination's host and checks every address it resolves to: one refused address
 * refuses the host, so a name cannot mix an allowed address with a forbidden one and hope for the
 * lucky pick. The connection then goes to these addresses and no others (see connectLookup), so
 * a second answer from DNS (rebinding) is never used.
 */
export async function resolveDestinationHost({
  host,
  policy,
  plain,
}: {
  host: string;
  policy: DestinationNetworkPolicy;
  plain: boolean;
}): Promise<ResolvedHost> {
  const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  let addresses: { address: string; family: number }[];
  if (isIP(bare) !== 0) {
    addresses = [{ address: bare, family: isIP(bare) }];
  } else {
    try {
      addresses = await withTimeout(
        lookup(bare, { all: true, verbatim: true }),
        RESOLVE_TIMEOUT_MS,
      );
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'failed';
      return { ok: false, message: `could not resolve ${bare} (${code})` };
    }
  }
  if (addresses.length === 0) return { ok: false, message: `${bare} resolves to no address` };
  for (const { address } of addresses) {
    const refusal = checkAddress({ text: address, policy, plain });
    if (refusal) return { ok: false, message: bare === address ? refusal : `${bare}: ${refusal}` };
  }
  return {
    ok: true,
    addresses: addresses.map(({ address, family }) => ({
      address,
      family: family === 6 ? 6 : 4,
    })),
  };
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error('timeout'), { code: 'ETIMEOUT' })), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | { address: string; family: number }[],
  family?: number,
) => void;

/**
 * A `lookup` for net, tls, http and https that answers with the addresses already checked,
 * whatever name it is asked about, so the socket connects to exactly what was checked while TLS
 * still verifies (and SNI still names) the configured host.
 */
export function connectLookup(addresses: { address: string; family: 4 | 6 }[]) {
  return (_hostname: string, options: { all?: boolean }, callback: LookupCallback): void => {
    if (options.all) {
      callback(null, addresses);
      return;
    }
    const first = addresses[0];
    if (!first) {
      callback(Object.assign(new Error('no checked address'), { code: 'ENOTFOUND' }), '', 4);
      return;
    }
    callback(null, first.address, first.family);
  };
}

import { type LookupAddress, lookup } from 'node:dns';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { BlockList, isIP } from 'node:net';

// An OIDC issuer is a URL an org owner types, so every request to it (discovery at save time,
// discovery, token, userinfo and keys at sign-in) is a server-side request toward an address
// chosen by someone outside the operator: an SSRF surface. These rules hold for all of them.

/**
 * Never reachable: link-local (where every cloud's instance metadata lives), the metadata
 * addresses clouds use elsewhere, the unspecified addresses (Linux connects them to the local
 * host), multicast and broadcast. Private networks stay reachable: a self-hosted IdP on the
 * company network is normal.
 */
const deniedAddresses = (() => {
  const list = new BlockList();
  list.addSubnet('169.254.0.0', 16, 'ipv4');
  list.addSubnet('0.0.0.0', 8, 'ipv4');
  list.addSubnet('224.0.0.0', 4, 'ipv4');
  list.addAddress('255.255.255.255', 'ipv4');
  list.addAddress('100.100.100.200', 'ipv4');
  list.addAddress('168.63.129.16', 'ipv4');
  list.addSubnet('fe80::', 10, 'ipv6');
  list.addSubnet('ff00::', 8, 'ipv6');
  list.addAddress('::', 'ipv6');
  list.addAddress('fd00:ec2::254', 'ipv6');
  return list;
})();

const loopbackAddresses = (() => {
  const list = new BlockList();
  list.addSubnet('127.0.0.0', 8, 'ipv4');
  list.addAddress('::1', 'ipv6');
  return list;
})();

/** Why an address may not be reached, or null when it may. IPv4-mapped IPv6 is checked as IPv4. */
export function refusedAddressReason(address: string): string | null {
  const plain = unmapIpv4(address);
  const family = isIP(plain) === 6 ? 'ipv6' : 'ipv4';
  if (deniedAddresses.check(plain, family)) {
    return `${plain} is a link-local, metadata or otherwise unreachable address`;
  }
  return null;
}

// ::ffff:169.254.169.254 and its hex spelling ::ffff:a9fe:a9fe (what URL parsing produces) are
// IPv4 addresses in disguise.
function unmapIpv4(address: string): string {
  const dotted = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (dotted !== undefined) return dotted;
  const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(address);
  if (hex?.[1] === undefined || hex[2] === undefined) return address;
  const high = Number.parseInt(hex[1], 16);
  const low = Number.parseInt(hex[2], 16);
  return [high >> 8, high & 255, low >> 8, low & 255].join('.');
}

/** Whether a host name is a loopback address or `localhost` (plain http is allowed only there). */
export function isLoopbackHost(hostname: string): boolean {
  const bare = hostname.replace(/^\[|\]$/g, '');
  if (bare === 'localhost') return true;
  const version = isIP(bare);
  if (version === 0) return false;
  return loopbackAddresses.check(bare, version === 6 ? 'ipv6' : 'ipv4');
}

export type GuardedFetchLimits = {
  /** The largest response body read; a longer one fails the request. */
  maxBytes: number;
  /** The whole request, connection to last byte. */
  timeoutMs: number;
};

export const defaultFetchLimits: GuardedFetchLimits = { maxBytes: 256 * 1024, timeoutMs: 10_000 };

/**
 * A `fetch` for requests toward an IdP: https only (plain http only to loopback), every
 * resolved address checked before connecting (the check is in the socket's own lookup, so a DNS
 * answer cannot change between check and connect), redirects returned as they are (never
 * followed: the callers treat them as failures), and a size and time limit.
 */
export function createGuardedFetch(limits: GuardedFetchLimits = defaultFetchLimits): typeof fetch {
  return (async (input: Parameters<typeof fetch>[0], init?: RequestInit) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(url.hostname))) {
      throw new TypeError(`${url.origin} is not an https address (plain http only on loopback).`);
    }
    const body = request.body === null ? undefined : Buffer.from(await request.arrayBuffer());
    return sendRequest({ url, request, body, limits });
  }) as typeof fetch;
}

function guardedLookup(
  hostname: string,
  options: { all?: boolean },
  callback: (error: Error | null, address: string | LookupAddress[], family?: number) => void,
): void {
  lookup(hostname, { all: true }, (error, addresses) => {
    if (error) return callback(error, []);
    for (const { address } of addresses) {
      const reason = refusedAddressReason(address);
      if (reason !== null) return callback(new Error(`${hostname}: ${reason}.`), []);
    }
    const first = addresses[0];
    if (first === undefined) return callback(new Error(`${hostname} has no address.`), []);
    if (options.all) return callback(null, addresses);
    callback(null, first.address, first.family);
  });
}

function sendRequest({
  url,
  request,
  body,
  limits,
}: {
  url: URL;
  request: Request;
  body: Buffer | undefined;
  limits: GuardedFetchLimits;
}): Promise<Response> {
  const literal = url.hostname.replace(/^\[|\]$/g, '');
  const literalReason = isIP(literal) === 0 ? null : refusedAddressReason(literal);
  if (literalReason !== null) return Promise.reject(new Error(`${literalReason}.`));
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  const headers = Object.fromEntries(request.headers.entries());
  return new Promise<Response>((resolve, reject) => {
    const outgoing = send(
      url,
      { method: request.method, headers, lookup: guardedLookup, timeout: limits.timeoutMs },
      (incoming) => readResponse(incoming, limits).then(resolve, reject),
    );
    const timer = setTimeout(
      () => outgoing.destroy(new Error(`${url.origin} did not answer within the time limit.`)),
      limits.timeoutMs,
    );
    outgoing.on('close', () => clearTimeout(timer));
    outgoing.on('timeout', () => outgoing.destroy(new Error(`${url.origin} timed out.`)));
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

function readResponse(incoming: IncomingMessage, limits: GuardedFetchLimits): Promise<Response> {
  return new Promise<Response>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    incoming.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limits.maxBytes) {
        incoming.destroy(new Error(`The answer is larger than ${limits.maxBytes} bytes.`));
        return;
      }
      chunks.push(chunk);
    });
    incoming.on('error', reject);
    incoming.on('end', () => {
      const headers = new Headers();
      for (const [name, value] of Object.entries(incoming.headers)) {
        if (value === undefined) continue;
        for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
      }
      const status = incoming.statusCode ?? 502;
      const nullBody = status === 204 || status === 304;
      resolve(new Response(nullBody ? null : Buffer.concat(chunks), { status, headers }));
    });
  });
}

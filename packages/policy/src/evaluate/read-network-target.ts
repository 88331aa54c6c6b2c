import { isLoopbackAddress, sameAddress } from '../syntax/classify-address';
import { canonicalHostName, normalizeHost } from '../syntax/normalize-host';
import { type IpAddress, parseIpAddress } from '../syntax/parse-ip-address';
import { findUnknownField } from './find-unknown-field';

/** A validated, normalised network request. */
export interface NetworkTarget {
  /** The host name when the host is a name (never an IP literal). */
  readonly name: string | null;
  /** The address when the host is an IP literal. */
  readonly hostAddress: IpAddress | null;
  /**
   * The address the connection goes to when the host is a name (or when the request names no
   * host at all): what the enforcement point resolved. Allow rules never match it by `hosts`,
   * only by `cidrs`; deny rules match it by anything that denotes an address.
   */
  readonly resolved: IpAddress | null;
  /** 0 when the request gives no port. */
  readonly port: number;
}

const FIELDS = new Set(['surface', 'host', 'ip', 'port']);

function readPort(value: unknown): number | string {
  if (value === undefined) return 0;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 65535) {
    return 'port must be an integer from 1 to 65535';
  }
  return value;
}

function readIp(value: unknown): IpAddress | null | string {
  if (value === undefined) return null;
  if (typeof value !== 'string') return 'ip must be a string';
  return parseIpAddress(value) ?? `ip ${JSON.stringify(value)} is not an IPv4 or IPv6 address`;
}

/**
 * Validates a network request by hand (the hot path cannot afford zod) and normalises it.
 * Returns the target, or the reason the request is invalid. Unknown fields are refused: an
 * enforcement point that sends something the engine would ignore is asking a question it is
 * not getting an answer to.
 */
export function readNetworkTarget(
  request: Readonly<Record<string, unknown>>,
): NetworkTarget | string {
  const unknown = findUnknownField(request, FIELDS);
  if (unknown !== null) return unknown;
  const port = readPort(request.port);
  if (typeof port === 'string') return port;
  const ip = readIp(request.ip);
  if (typeof ip === 'string') return ip;
  const host = request.host;
  if (host === undefined) {
    if (ip === null) return 'a network request needs host or ip';
    return { name: null, hostAddress: null, resolved: ip, port };
  }
  if (typeof host !== 'string') return 'host must be a string';
  const plain = canonicalHostName(host);
  if (plain !== null) return { name: plain, hostAddress: null, resolved: ip, port };
  const normalized = normalizeHost(host);
  if (normalized.kind === 'invalid') return normalized.reason;
  if (normalized.kind === 'name')
    return { name: normalized.name, hostAddress: null, resolved: ip, port };
  if (ip !== null && !sameAddress(ip, normalized.address))
    return 'host is an IP address that differs from ip';
  return { name: null, hostAddress: normalized.address, resolved: null, port };
}

/** A loopback request as allow rules see it: `localhost`, or a loopback address as the host. */
export function isLoopbackHost(target: NetworkTarget): boolean {
  if (target.name !== null) return target.name === 'localhost';
  return target.hostAddress !== null && isLoopbackAddress(target.hostAddress);
}

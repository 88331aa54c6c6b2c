import type { NetworkEntry, NetworkIndex } from '../compile/compile-network-rules';
import type { HostMatcher } from '../indexes/host-matcher';
import { ListCollector } from '../indexes/list-collector';
import {
  isLoopbackAddress,
  isUnspecifiedAddress,
  LOOPBACK_IPV4,
  LOOPBACK_IPV6,
} from '../syntax/classify-address';
import type { IpAddress } from '../syntax/parse-ip-address';
import { type Decision, invalidRequest } from './decision';
import type { EvaluationScope } from './evaluation-scope';
import { isLoopbackHost, type NetworkTarget, readNetworkTarget } from './read-network-target';

type Lists = ListCollector<NetworkEntry>;

// Evaluation is synchronous and never re-entered, so these collectors serve every call.
const nameLists: Lists = new ListCollector();
const lists: Lists = new ListCollector();

function portMatches(ports: Int32Array | null, port: number, deny: boolean): boolean {
  if (ports === null) return true;
  // Without a port, a deny still applies (fail closed) and a port-narrowed allow does not.
  if (port === 0) return deny;
  for (let index = 0; index < ports.length; index += 2) {
    if (port >= (ports[index] ?? 0) && port <= (ports[index + 1] ?? 0)) return true;
  }
  return false;
}

function isExcepted(except: HostMatcher, target: NetworkTarget): boolean {
  if (target.name !== null && except.matchesName(target.name)) return true;
  if (except.matchesLoopback) {
    if (isLoopbackHost(target) || (target.resolved !== null && isLoopbackAddress(target.resolved)))
      return true;
  }
  if (target.hostAddress !== null && except.matchesAddress(target.hostAddress)) return true;
  return target.resolved !== null && except.matchesAddress(target.resolved);
}

/** The lowest-order entry of `from` that has the wanted action, is active, fits and is not excepted. */
function pickFirst(
  from: Lists,
  best: NetworkEntry | null,
  target: NetworkTarget,
  scope: EvaluationScope,
  deny: boolean,
): NetworkEntry | null {
  for (let listIndex = 0; listIndex < from.count; listIndex++) {
    const list = from.lists[listIndex] as readonly NetworkEntry[];
    for (let index = 0; index < list.length; index++) {
      const entry = list[index] as NetworkEntry;
      if (best !== null && entry.order >= best.order) break;
      if (entry.deny !== deny || scope.active[entry.layer] !== 1) continue;
      if (!portMatches(entry.ports, target.port, deny)) continue;
      if (deny && entry.except !== null && isExcepted(entry.except, target)) continue;
      best = entry;
      break;
    }
  }
  return best;
}

function collectDenyAddress(index: NetworkIndex, address: IpAddress | null): boolean {
  if (address === null) return false;
  index.denyAddresses.collect(address, lists);
  return isUnspecifiedAddress(address) || isLoopbackAddress(address);
}

/**
 * A deny matches the host **or** any address the connection may reach: the resolved ip (so a
 * name rebound to a denied address is denied), and for `localhost`, `*.localhost` and the
 * unspecified addresses, both loopback addresses.
 */
function findDeny(
  index: NetworkIndex,
  target: NetworkTarget,
  scope: EvaluationScope,
): NetworkEntry | null {
  lists.reset();
  if (index.denyAny.length > 0) lists.add(index.denyAny);
  const { name, hostAddress, resolved } = target;
  const loopbackName = name !== null && (name === 'localhost' || name.endsWith('.localhost'));
  const hostIsLocal = collectDenyAddress(index, hostAddress);
  const resolvedIsLocal = collectDenyAddress(index, resolved);
  if (loopbackName || hostIsLocal || resolvedIsLocal) {
    if (index.denyLoopback.length > 0) lists.add(index.denyLoopback);
    const unspecified =
      (hostAddress !== null && isUnspecifiedAddress(hostAddress)) ||
      (resolved !== null && isUnspecifiedAddress(resolved));
    if (loopbackName || unspecified) {
      index.denyAddresses.collect(LOOPBACK_IPV4, lists);
      index.denyAddresses.collect(LOOPBACK_IPV6, lists);
    }
  }
  const best = nameLists.count === 0 ? null : pickFirst(nameLists, null, target, scope, true);
  return lists.count === 0 ? best : pickFirst(lists, best, target, scope, true);
}

function collectAllowAddresses(index: NetworkIndex, target: NetworkTarget): void {
  const { name, hostAddress, resolved } = target;
  if (index.allowLoopback.length > 0 && isLoopbackHost(target)) lists.add(index.allowLoopback);
  if (index.allowAddresses.size === 0 && index.allowHostAddresses.size === 0) return;
  if (hostAddress !== null) {
    index.allowHostAddresses.collect(hostAddress, lists);
    index.allowAddresses.collect(hostAddress, lists);
  }
  if (resolved !== null) index.allowAddresses.collect(resolved, lists);
  if (name === 'localhost') collectLocalhostAllows(index);
}

/**
 * `localhost` may connect to 127.0.0.1 or to ::1, so an allow by `cidrs` matches it only when
 * the same rule covers both addresses (fail closed). Allow rules naming `localhost` in `hosts`
 * are the usual way to allow it.
 */
function collectLocalhostAllows(index: NetworkIndex): void {
  const ipv6: Lists = new ListCollector();
  index.allowAddresses.collect(LOOPBACK_IPV6, ipv6);
  if (ipv6.count === 0) return;
  const ipv4: Lists = new ListCollector();
  index.allowAddresses.collect(LOOPBACK_IPV4, ipv4);
  const coversIpv6 = new Set(ipv6.lists.slice(0, ipv6.count).flat());
  const both = ipv4.lists
    .slice(0, ipv4.count)
    .flat()
    .filter((entry) => coversIpv6.has(entry));
  if (both.length > 0) lists.add(both.sort((left, right) => left.order - right.order));
}

function findAllow(
  index: NetworkIndex,
  target: NetworkTarget,
  scope: EvaluationScope,
): NetworkEntry | null {
  lists.reset();
  collectAllowAddresses(index, target);
  const best = nameLists.count === 0 ? null : pickFirst(nameLists, null, target, scope, false);
  return lists.count === 0 ? best : pickFirst(lists, best, target, scope, false);
}

export function evaluateNetwork(
  index: NetworkIndex,
  request: Readonly<Record<string, unknown>>,
  scope: EvaluationScope,
): Decision {
  const target = readNetworkTarget(request);
  if (typeof target === 'string') return invalidRequest(scope.mode, target);
  nameLists.reset();
  if (target.name !== null) index.names.collect(target.name, nameLists);
  const deny = findDeny(index, target, scope);
  if (deny !== null) return deny.decision;
  return findAllow(index, target, scope)?.decision ?? scope.fallback;
}

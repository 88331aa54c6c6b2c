import { type Decision, ruleDecision } from '../evaluate/decision';
import { AddressTable } from '../indexes/address-table';
import { HostMatcher } from '../indexes/host-matcher';
import { HostNameTable } from '../indexes/host-name-table';
import type { NetworkRule } from '../schema/network-rule-schema';
import type { AddressBlock } from '../syntax/parse-cidr';
import { parseCidr } from '../syntax/parse-cidr';
import { type HostPattern, parseHostPattern } from '../syntax/parse-host-pattern';
import { parsePortSpec } from '../syntax/parse-port-spec';
import type { RankedEntry, RuleOrigin } from './rule-origin';
import { unwrapParsed } from './unwrap-parsed';

export interface NetworkEntry extends RankedEntry {
  readonly deny: boolean;
  /** Inclusive port ranges as flat pairs `[low, high, low, high, …]`; null for any port. */
  readonly ports: Int32Array | null;
  readonly except: HostMatcher | null;
  readonly decision: Decision;
}

/**
 * Network rules indexed by what they match. Deny and allow are kept apart because they match
 * different things: a deny matches the host name or any address the request may reach; an allow
 * by `hosts` matches the name only, and an allow by `cidrs` an IP-literal host or resolved ip.
 */
export class NetworkIndex {
  readonly denyAny: NetworkEntry[] = [];
  /** Deny and allow entries together: a request's name is looked up once for both. */
  readonly names = new HostNameTable<NetworkEntry>();
  readonly denyLoopback: NetworkEntry[] = [];
  readonly denyAddresses = new AddressTable<NetworkEntry>();
  readonly allowLoopback: NetworkEntry[] = [];
  /** IP literals written in an allow rule's `hosts`: they match the requested host only. */
  readonly allowHostAddresses = new AddressTable<NetworkEntry>();
  readonly allowAddresses = new AddressTable<NetworkEntry>();
}

function singleBlock(pattern: Extract<HostPattern, { kind: 'address' }>): AddressBlock {
  const { address } = pattern;
  return address.version === 4
    ? { version: 4, value: address.value, length: 32 }
    : { version: 6, words: address.words, length: 128 };
}

function compilePorts(ports: readonly (number | string)[] | undefined): Int32Array | null {
  if (ports === undefined) return null;
  const flat = new Int32Array(ports.length * 2);
  ports.forEach((spec, index) => {
    const { range } = unwrapParsed(parsePortSpec(spec), 'port');
    flat[index * 2] = range[0];
    flat[index * 2 + 1] = range[1];
  });
  return flat;
}

function compileExcept(entries: readonly string[] | undefined): HostMatcher | null {
  if (entries === undefined || entries.length === 0) return null;
  const matcher = new HostMatcher();
  for (const text of entries) {
    if (text.includes('/')) {
      for (const block of unwrapParsed(parseCidr(text), 'CIDR').blocks) matcher.addBlock(block);
    } else {
      matcher.addPattern(unwrapParsed(parseHostPattern(text, 'except'), 'host pattern').pattern);
    }
  }
  return matcher;
}

function pushOnce(list: NetworkEntry[], entry: NetworkEntry): void {
  if (list[list.length - 1] !== entry) list.push(entry);
}

function addHost(
  index: NetworkIndex,
  pattern: HostPattern,
  entry: NetworkEntry,
  deny: boolean,
): void {
  const { names } = index;
  switch (pattern.kind) {
    case 'any':
      pushOnce(index.denyAny, entry);
      return;
    case 'exact':
      names.add(pattern.name, 'exact', entry);
      return;
    case 'one':
    case 'many':
      names.add(pattern.suffix, pattern.kind, entry);
      return;
    case 'loopback':
      pushOnce(deny ? index.denyLoopback : index.allowLoopback, entry);
      return;
    case 'address':
      (deny ? index.denyAddresses : index.allowHostAddresses).add(singleBlock(pattern), entry);
      return;
  }
}

/** Adds one validated network rule to the index. */
export function compileNetworkRule(options: {
  index: NetworkIndex;
  rule: NetworkRule;
  origin: RuleOrigin;
}): void {
  const { index, rule, origin } = options;
  const deny = rule.action === 'deny';
  const entry: NetworkEntry = {
    order: origin.order,
    layer: origin.layer,
    deny,
    ports: compilePorts(rule.ports),
    except: rule.action === 'deny' ? compileExcept(rule.except) : null,
    decision: ruleDecision(rule.action, origin.ruleId, origin.layerName, origin.mode),
  };
  for (const text of rule.hosts ?? []) {
    addHost(
      index,
      unwrapParsed(parseHostPattern(text, rule.action), 'host pattern').pattern,
      entry,
      deny,
    );
  }
  for (const text of rule.cidrs ?? []) {
    for (const block of unwrapParsed(parseCidr(text), 'CIDR').blocks) {
      (deny ? index.denyAddresses : index.allowAddresses).add(block, entry);
    }
  }
}

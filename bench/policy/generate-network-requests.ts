import type { Random } from './create-random';
import { pickGroups } from './pick-groups';
import type {
  BenchRequest,
  NetworkRequest,
  NetworkRuleSpec,
  PortSpec,
  RequestGeneratorOptions,
} from './types';
import { MISS_TLDS, SERVICE_PREFIXES, WORDS } from './words';

function hostFor({ random, pattern }: { random: Random; pattern: string }): string {
  if (pattern.startsWith('**.')) {
    const base = pattern.slice(3);
    return random.chance(0.5)
      ? `${random.pick(WORDS)}.${base}`
      : `${random.pick(WORDS)}.${random.pick(SERVICE_PREFIXES)}.${base}`;
  }
  if (pattern.startsWith('*.')) return `${random.pick(WORDS)}.${pattern.slice(2)}`;
  return pattern;
}

function addressIn({ random, cidr }: { random: Random; cidr: string }): string {
  const [address = '', bitsText = '32'] = cidr.split('/');
  if (address.includes(':'))
    return address.replace(/::$/, `::${random.int(1, 0xfff).toString(16)}`);
  const bits = Number(bitsText);
  const base = address.split('.').reduce((value, octet) => value * 256 + Number(octet), 0);
  const size = 2 ** (32 - bits);
  const value = base + (size > 2 ? random.int(1, size - 2) : 0);
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');
}

function portFor({ random, ports }: { random: Random; ports?: PortSpec[] }): number {
  if (!ports) return random.pick([443, 80, 8443]);
  const spec = random.pick(ports);
  if (typeof spec === 'number') return spec;
  const [low = 443, high = 443] = spec.split('-').map(Number);
  return random.int(low, high);
}

// An address in 198.18.0.0/15, the benchmarking range, which no generated rule covers.
function missAddress({ random }: { random: Random }): string {
  return `198.${random.int(18, 19)}.${random.int(0, 255)}.${random.int(1, 254)}`;
}

function hit({
  random,
  rule,
  groups,
}: {
  random: Random;
  rule: NetworkRuleSpec;
  groups: readonly string[];
}) {
  const request: NetworkRequest = {
    surface: 'network',
    port: portFor({ random, ports: rule.ports }),
  };
  const byName = rule.hosts && (!rule.cidrs || random.chance(0.5));
  if (byName && rule.hosts) {
    request.host = hostFor({ random, pattern: random.pick(rule.hosts) });
    if (random.chance(0.25)) request.ip = missAddress({ random });
  } else if (rule.cidrs) {
    request.host = addressIn({ random, cidr: random.pick(rule.cidrs) });
  }
  return {
    request,
    groups: pickGroups({ random, groups, include: rule.origin.group }),
    intended: 'hit' as const,
  };
}

function miss({
  random,
  groups,
  serial,
}: {
  random: Random;
  groups: readonly string[];
  serial: number;
}) {
  const request: NetworkRequest = { surface: 'network', port: random.pick([443, 80, 22, 5432]) };
  if (random.chance(0.8)) {
    request.host = `${random.pick(SERVICE_PREFIXES)}.${random.pick(WORDS)}${serial}.${random.pick(MISS_TLDS)}`;
    if (random.chance(0.25)) request.ip = missAddress({ random });
  } else {
    request.host = missAddress({ random });
  }
  return { request, groups: pickGroups({ random, groups }), intended: 'miss' as const };
}

// Half hits (built from a random rule of any layer), half misses (names and addresses that no
// rule mentions), interleaved, all distinct enough that no single cached answer helps.
export function generateNetworkRequests({
  random,
  model,
  count,
}: RequestGeneratorOptions): BenchRequest<NetworkRequest>[] {
  return Array.from({ length: count }, (_, index) =>
    index % 2 === 0
      ? hit({ random, rule: random.pick(model.network), groups: model.groups })
      : miss({ random, groups: model.groups, serial: index }),
  );
}

import type { Random } from './create-random';
import type { NetworkRuleSpec, PortSpec, RuleGeneratorOptions, RuleOrigin } from './types';
import { RISKY_TLDS, RULE_TLDS, SERVICE_PREFIXES, WORDS } from './words';

export interface NameSerial {
  next(): number;
}

// The share of deny rules per layer: guardrails are mostly denies, groups mostly allows.
export const DENY_SHARE: Record<RuleOrigin['layer'], number> = {
  guardrails: 0.85,
  baseline: 0.2,
  group: 0.1,
};

export function uniqueDomain({ random, serial }: { random: Random; serial: NameSerial }): string {
  return `${random.pick(WORDS)}-${serial.next()}.${random.pick(RULE_TLDS)}`;
}

function hostPattern({ random, serial }: { random: Random; serial: NameSerial }): string {
  const base = uniqueDomain({ random, serial });
  const roll = random.next();
  if (roll < 0.3) return `${random.pick(SERVICE_PREFIXES)}.${base}`;
  if (roll < 0.45) return base;
  if (roll < 0.65) return `*.${base}`;
  return `**.${base}`;
}

// Private, carrier-grade and public-looking ranges. Nothing is generated inside 198.18.0.0/15,
// the benchmarking range, which is where requests meant to miss take their addresses.
function cidr({ random }: { random: Random }): string {
  const roll = random.next();
  if (roll < 0.3) return `10.${random.int(0, 255)}.${random.int(0, 255)}.0/24`;
  if (roll < 0.45) return `172.${random.int(16, 31)}.${random.int(0, 15) * 16}.0/20`;
  if (roll < 0.55) return `100.${random.int(64, 127)}.0.0/16`;
  if (roll < 0.75)
    return `${random.int(11, 99)}.${random.int(0, 255)}.${random.int(0, 255)}.${random.int(1, 254)}/32`;
  if (roll < 0.9) return `${random.int(11, 99)}.${random.int(0, 255)}.${random.int(0, 255)}.0/24`;
  return `2001:db8:${random.int(0, 0xffff).toString(16)}::/48`;
}

function ports({ random }: { random: Random }): PortSpec[] | undefined {
  const roll = random.next();
  if (roll < 0.5) return undefined;
  if (roll < 0.8) return [443];
  if (roll < 0.9) return [80, 443];
  const start = 8000 + random.int(0, 9) * 100;
  return [443, `${start}-${start + 99}`];
}

function fixedGuardrails(origin: RuleOrigin, id: () => string): NetworkRuleSpec[] {
  return [
    {
      id: id(),
      action: 'deny',
      cidrs: ['169.254.169.254/32', 'fd00:ec2::254/128', '169.254.0.0/16'],
      origin,
    },
    { id: id(), action: 'deny', hosts: RISKY_TLDS.map((tld) => `**.${tld}`), origin },
  ];
}

export function generateNetworkRules({
  random,
  serial,
  origin,
  count,
  id,
}: RuleGeneratorOptions): NetworkRuleSpec[] {
  const rules = origin.layer === 'guardrails' ? fixedGuardrails(origin, id) : [];
  while (rules.length < count) {
    const action = random.chance(DENY_SHARE[origin.layer]) ? 'deny' : 'allow';
    const rule: NetworkRuleSpec = { id: id(), action, origin };
    const roll = random.next();
    if (roll < 0.85) {
      rule.hosts = Array.from({ length: random.int(1, 3) }, () => hostPattern({ random, serial }));
    } else if (roll < 0.95) {
      rule.cidrs = Array.from({ length: random.int(1, 3) }, () => cidr({ random }));
    } else {
      rule.hosts = [hostPattern({ random, serial })];
      rule.cidrs = [cidr({ random })];
    }
    const rulePorts = ports({ random });
    if (rulePorts) rule.ports = rulePorts;
    const wide = rule.hosts?.find((host) => host.startsWith('**.'));
    if (action === 'deny' && wide && random.chance(0.3)) {
      rule.except = [`${random.pick(SERVICE_PREFIXES)}.${wide.slice(3)}`];
    }
    rules.push(rule);
  }
  return rules;
}

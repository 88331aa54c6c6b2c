import { isIP } from 'node:net';
import type { NetworkRuleSpec, PortSpec } from '../types';
import { anyOf, cedarString, principalScope } from './cedar-syntax';

// Parapet network rules as Cedar policies on `Action::"connect"` and a `Host` resource. A host
// entity's ancestors are the `Domain`s it sits under (`a.b.example.com` is in `b.example.com`,
// `example.com` and `com`, but not in itself), so `**.example.com` is `resource in
// Domain::"example.com"`, `*.example.com` adds a label count, and an exact name is `resource ==
// Host::"…"`: Cedar's entity hierarchy, which measured faster than `like` here. CIDRs use the
// ipaddr extension on the IP-literal host (`resource.addr`) or the resolved address
// (`context.ip`); `except` becomes `unless`; ports are comparisons on `context.port`. As in
// Parapet, a request without a port satisfies a deny's ports but not an allow's.
export function translateNetworkPolicies({
  rules,
}: {
  rules: readonly NetworkRuleSpec[];
}): Record<string, string> {
  const policies: Record<string, string> = {};
  for (const rule of rules) {
    const targets = [
      ...(rule.hosts ?? []).map(hostCondition),
      ...(rule.cidrs ?? []).map(cidrCondition),
    ];
    const conditions = [anyOf(targets)];
    if (rule.ports)
      conditions.push(portCondition({ ports: rule.ports, isDeny: rule.action === 'deny' }));
    const unless = rule.except?.length
      ? ` unless { ${anyOf(rule.except.map((entry) => (isAddressEntry(entry) ? cidrCondition(entry) : hostCondition(entry))))} }`
      : '';
    const effect = rule.action === 'deny' ? 'forbid' : 'permit';
    policies[rule.id] =
      `${effect}(${principalScope(rule.origin)}, action == Action::"connect", resource) when { ${conditions.join(' && ')} }${unless};`;
  }
  return policies;
}

function isAddressEntry(entry: string): boolean {
  return isIP(entry.split('/')[0] ?? '') !== 0;
}

function hostCondition(pattern: string): string {
  if (pattern === '*') return 'true';
  if (pattern.startsWith('**.')) return `resource in Domain::${cedarString(pattern.slice(3))}`;
  if (pattern.startsWith('*.')) {
    const suffix = pattern.slice(2);
    return `(resource in Domain::${cedarString(suffix)} && resource.labels == ${suffix.split('.').length + 1})`;
  }
  return `resource == Host::${cedarString(pattern)}`;
}

function cidrCondition(cidr: string): string {
  const range = `ip(${cedarString(cidr)})`;
  return `((resource has addr && resource.addr.isInRange(${range})) || (context has ip && context.ip.isInRange(${range})))`;
}

function portCondition({ ports, isDeny }: { ports: readonly PortSpec[]; isDeny: boolean }): string {
  const matches = anyOf(
    ports.map((port) => {
      if (typeof port === 'number') return `context.port == ${port}`;
      const [low, high] = port.split('-');
      return `(context.port >= ${Number(low)} && context.port <= ${Number(high)})`;
    }),
  );
  return isDeny ? `(!(context has port) || ${matches})` : `(context has port && ${matches})`;
}

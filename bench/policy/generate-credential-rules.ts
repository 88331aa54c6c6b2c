import { DENY_SHARE, uniqueDomain } from './generate-network-rules';
import type { CredentialRuleSpec, RuleGeneratorOptions } from './types';
import { WORDS } from './words';

export function generateCredentialRules({
  random,
  serial,
  origin,
  count,
  id,
}: RuleGeneratorOptions): CredentialRuleSpec[] {
  return Array.from({ length: count }, () => {
    const action = random.chance(DENY_SHARE[origin.layer]) ? 'deny' : 'allow';
    const rule: CredentialRuleSpec = {
      id: id(),
      action,
      credential: `${random.pick(WORDS)}-${serial.next()}-token`,
      origin,
    };
    if (action === 'allow' || random.chance(0.5)) {
      const domain = uniqueDomain({ random, serial });
      rule.destinations = random.chance(0.5)
        ? [`api.${domain}`]
        : [`api.${domain}`, `**.${domain}`];
    }
    if (action === 'allow') rule.ttl = random.pick(['30m', '1h', '8h', '24h']);
    return rule;
  });
}

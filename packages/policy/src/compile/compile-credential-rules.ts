import { type Decision, ruleDecision } from '../evaluate/decision';
import { HostMatcher } from '../indexes/host-matcher';
import type { CredentialRule } from '../schema/credential-rule-schema';
import { parseHostPattern } from '../syntax/parse-host-pattern';
import type { RankedEntry, RuleOrigin } from './rule-origin';
import { unwrapParsed } from './unwrap-parsed';

export interface CredentialEntry extends RankedEntry {
  readonly deny: boolean;
  /** Null on a deny rule without destinations: it denies the credential everywhere. */
  readonly destinations: HostMatcher | null;
  readonly decision: Decision;
}

/** Credential rules by credential name, each list in rule order. */
export type CredentialIndex = Map<string, CredentialEntry[]>;

export function compileCredentialRule(options: {
  index: CredentialIndex;
  rule: CredentialRule;
  origin: RuleOrigin;
}): void {
  const { index, rule, origin } = options;
  let destinations: HostMatcher | null = null;
  if (rule.destinations !== undefined) {
    destinations = new HostMatcher();
    for (const text of rule.destinations) {
      destinations.addPattern(
        unwrapParsed(parseHostPattern(text, 'destination'), 'destination').pattern,
      );
    }
  }
  const entry: CredentialEntry = {
    order: origin.order,
    layer: origin.layer,
    deny: rule.action === 'deny',
    destinations,
    decision: ruleDecision(rule.action, origin.ruleId, origin.layerName, origin.mode),
  };
  const list = index.get(rule.credential);
  if (list === undefined) index.set(rule.credential, [entry]);
  else list.push(entry);
}

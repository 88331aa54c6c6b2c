import { createHash } from 'node:crypto';

/** Code-unit order, as the engine orders groups: never locale-dependent. */
function compareNames(left: string, right: string): number {
  return left < right ? -1 : left > right ? 1 : 0;
}

/** `groups` kept to those the policy has, without repeats, sorted: the evaluation context. */
export function narrowGroups(
  groups: Iterable<string>,
  policyGroups: ReadonlySet<string>,
): string[] {
  return [...new Set(groups)].filter((name) => policyGroups.has(name)).sort(compareNames);
}

/**
 * The key of a sorted group set: SHA-256 (hex) of its JSON. Fixed length whatever the number
 * of groups, so it indexes well; devices with the same set share one bundle.
 */
export function groupSetKeyOf(sortedGroups: readonly string[]): string {
  return createHash('sha256').update(JSON.stringify(sortedGroups), 'utf8').digest('hex');
}

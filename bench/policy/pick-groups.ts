import type { Random } from './create-random';

// The groups of a simulated user: none to three of the org's groups, always including the one a
// request was built for, so that a hit on a group's rule is evaluated by a member.
export function pickGroups({
  random,
  groups,
  include,
}: {
  random: Random;
  groups: readonly string[];
  include?: string;
}): string[] {
  const chosen = new Set(random.sample(groups, random.int(0, 3)));
  if (include) chosen.add(include);
  return [...chosen];
}

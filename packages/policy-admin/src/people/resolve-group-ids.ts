import type { OrgTransaction } from '@parapet/accounts';
import { AppError } from '@parapet/errors';

/**
 * The ids of the named groups of the organization, by name. A name the organization does not
 * have is refused, naming every such name under `field`: a person silently left out of a group
 * that was mistyped would get a narrower policy than intended and nobody would know.
 */
export async function resolveGroupIds({
  tx,
  names,
  field = 'groups',
}: {
  tx: OrgTransaction;
  names: readonly string[];
  field?: string;
}): Promise<Map<string, string>> {
  if (names.length === 0) return new Map();
  const groups = await tx.policyGroup.findMany({
    where: { name: { in: [...names] } },
    select: { id: true, name: true },
  });
  const ids = new Map(groups.map((group) => [group.name, group.id]));
  const unknown = names.filter((name) => !ids.has(name));
  if (unknown.length > 0) {
    const message = unknownGroupsMessage(unknown);
    throw new AppError('INVALID_INPUT', message, { fieldErrors: { [field]: [message] } });
  }
  return ids;
}

export function unknownGroupsMessage(unknown: readonly string[]): string {
  const quoted = unknown.map((name) => `"${name}"`).join(', ');
  return unknown.length === 1
    ? `There is no group named ${quoted}.`
    : `There are no groups named ${quoted}.`;
}

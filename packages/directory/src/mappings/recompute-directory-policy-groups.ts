import type { OrgTransaction } from '@parapet/accounts';

/** What one recompute changed, for events and tests. */
export type RecomputeResult = {
  /** person_groups rows added with source 'directory'. */
  added: number;
  /** person_groups rows with source 'directory' removed. */
  removed: number;
};

type Pair = { personId: string; groupId: string };

/**
 * Brings the directory-derived policy groups of the given people in line with their SCIM group
 * memberships and the org's mappings, inside the caller's transaction. For each person the
 * desired set is every policy group mapped from a directory group they belong to, and empty
 * while they are inactive (a deprovisioned person keeps no directory-derived access). Rows with
 * source 'directory' outside the desired set go; missing ones are added with source
 * 'directory'. Rows an admin set by hand (source 'manual') are never touched: a person in a
 * group both by hand and through the directory holds one manual row, which stays.
 *
 * It runs a fixed number of queries per 5,000 people (reads of memberships and
 * current rows, one delete, one insert), so a group PATCH adding thousands of members costs the
 * same handful of round trips. The person_groups trigger notifies the edge per changed person.
 */
export async function recomputeDirectoryPolicyGroups({
  tx,
  orgId,
  personIds,
}: {
  tx: OrgTransaction;
  orgId: string;
  personIds: readonly string[];
}): Promise<RecomputeResult> {
  const ids = [...new Set(personIds)];
  const total = { added: 0, removed: 0 };
  // Chunks keep each statement well under Postgres's limit of bind parameters.
  for (let start = 0; start < ids.length; start += chunkSize) {
    const result = await recomputeChunk(tx, orgId, ids.slice(start, start + chunkSize));
    total.added += result.added;
    total.removed += result.removed;
  }
  return total;
}

const chunkSize = 5_000;

async function recomputeChunk(
  tx: OrgTransaction,
  orgId: string,
  ids: string[],
): Promise<RecomputeResult> {
  const [desired, current] = await Promise.all([
    desiredPairs(tx, orgId, ids),
    tx.personGroup.findMany({
      where: { orgId, personId: { in: ids } },
      select: { personId: true, groupId: true, source: true },
    }),
  ]);
  const currentKeys = new Set(current.map(pairKey));
  const toRemove = current.filter(
    (row) => row.source === 'directory' && !desired.has(pairKey(row)),
  );
  const toAdd = [...desired.values()].filter((pair) => !currentKeys.has(pairKey(pair)));
  if (toRemove.length > 0) {
    await tx.personGroup.deleteMany({
      where: { orgId, source: 'directory', OR: groupByGroup(toRemove) },
    });
  }
  if (toAdd.length > 0) {
    // skipDuplicates: a concurrent writer (or an admin) may have added the same row meanwhile;
    // whichever row is there stays, with its source.
    await tx.personGroup.createMany({
      data: toAdd.map((pair) => ({ orgId, ...pair, source: 'directory' })),
      skipDuplicates: true,
    });
  }
  return { added: toAdd.length, removed: toRemove.length };
}

/** The (person, policy group) pairs the directory grants to the active ones among `ids`. */
async function desiredPairs(
  tx: OrgTransaction,
  orgId: string,
  ids: string[],
): Promise<Map<string, Pair>> {
  const memberships = await tx.directoryGroupMember.findMany({
    where: { orgId, personId: { in: ids }, person: { active: true } },
    select: {
      personId: true,
      group: { select: { mappings: { select: { policyGroupId: true } } } },
    },
  });
  const desired = new Map<string, Pair>();
  for (const { personId, group } of memberships) {
    for (const { policyGroupId } of group.mappings) {
      const pair = { personId, groupId: policyGroupId };
      desired.set(pairKey(pair), pair);
    }
  }
  return desired;
}

function pairKey({ personId, groupId }: Pair): string {
  return `${personId}:${groupId}`;
}

/** Rows to delete as one filter per policy group: `(group = g AND person IN (...)) OR ...`. */
function groupByGroup(pairs: Pair[]): { groupId: string; personId: { in: string[] } }[] {
  const byGroup = new Map<string, string[]>();
  for (const { personId, groupId } of pairs) {
    const people = byGroup.get(groupId) ?? [];
    people.push(personId);
    byGroup.set(groupId, people);
  }
  return [...byGroup].map(([groupId, people]) => ({ groupId, personId: { in: people } }));
}

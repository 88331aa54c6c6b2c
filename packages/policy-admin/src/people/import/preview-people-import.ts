import { assertRole, type MemberContext } from '@parapet/accounts';
import { scopedDb } from '@parapet/db/scoped';
import type { PeopleImportPlan } from './plan-people-import';
import { planPeopleImport } from './plan-people-import';
import { readPeopleCsv } from './read-people-csv';

/** What an import would do, without doing it; `problems` lists every line that stops it. */
export type PeopleImportPreview = Omit<PeopleImportPlan, 'groupIds'> & {
  counts: { creates: number; updates: number; unchanged: number; problems: number };
};

/**
 * Reads a people CSV and compares it with the directory: the people it would add, the fields
 * it would change, the lines that change nothing, and each bad line with its number and what
 * is wrong. Writes nothing. Admins only, as applying is.
 */
export async function previewPeopleImport({
  db,
  actor,
  csv,
}: Pick<MemberContext, 'db' | 'actor'> & { csv: unknown }): Promise<PeopleImportPreview> {
  assertRole(actor, 'admin');
  const file = readPeopleCsv(csv);
  const { groupIds: _groupIds, ...plan } = await planPeopleImport({
    db: scopedDb({ prisma: db, orgId: actor.orgId }),
    csv: file,
  });
  return { ...plan, counts: countPlan(plan) };
}

export function countPlan(plan: Omit<PeopleImportPlan, 'groupIds'>): PeopleImportPreview['counts'] {
  return {
    creates: plan.creates.length,
    updates: plan.updates.length,
    unchanged: plan.unchanged.length,
    problems: plan.problems.length,
  };
}

import {
  type Actor,
  assertRole,
  inOrgTransaction,
  lockOrganization,
  type MemberContext,
  type OrgTransaction,
} from '@parapet/accounts';
import { AppError } from '@parapet/errors';
import { mapPersonConflict } from '../person-conflicts';
import { recordPersonActivity } from '../record-person-activity';
import { releaseManualGroups } from '../release-manual-groups';
import { type PeopleImportPlan, planPeopleImport } from './plan-people-import';
import { countPlan, type PeopleImportPreview } from './preview-people-import';
import { readPeopleCsv } from './read-people-csv';

// Rows per statement: well under PostgreSQL's 65,535 bind parameters per query.
const batchSize = 1000;
// A 50,000-line import writes in batches but still takes seconds; Prisma's default of 5 s for
// an interactive transaction would cut a large one off halfway (and roll it back).
const importTimeoutMs = 120_000;
// The first problems are listed in the refusal's field error, many more in its issues (each
// with its line); the preview shows all of them.
const problemsShown = 20;
const issuesListed = 1000;

/**
 * Applies a people CSV: every line or none. The file is read and compared with the directory
 * inside the transaction (with the organization locked, so two imports do not interleave), any
 * bad line refuses the whole import, and one activity entry records the counts.
 */
export async function applyPeopleImport({
  db,
  actor,
  csv,
  ip,
}: Pick<MemberContext, 'db' | 'actor' | 'ip'> & { csv: unknown }): Promise<
  PeopleImportPreview['counts']
> {
  assertRole(actor, 'admin');
  const file = readPeopleCsv(csv);
  return mapPersonConflict(() =>
    inOrgTransaction({ db, orgId: actor.orgId, timeoutMs: importTimeoutMs }, async (tx) => {
      await lockOrganization(tx, actor.orgId);
      const plan = await planPeopleImport({ db: tx, csv: file });
      if (plan.problems.length > 0) throw refusal(plan);
      await createPeople(tx, actor, plan);
      await updatePeople(tx, actor, plan);
      const counts = countPlan(plan);
      await recordPersonActivity(tx, {
        actor,
        action: 'people.imported',
        target: null,
        details: { created: counts.creates, updated: counts.updates, unchanged: counts.unchanged },
        ip,
      });
      return counts;
    }),
  );
}

function refusal(plan: PeopleImportPlan): AppError {
  const { problems } = plan;
  const lines = new Set(problems.map((problem) => problem.line)).size;
  const listed = problems
    .slice(0, problemsShown)
    .map((problem) => `Line ${problem.line}: ${problem.message}`);
  if (problems.length > problemsShown) {
    listed.push(`… and ${problems.length - problemsShown} more problems.`);
  }
  return new AppError(
    'INVALID_INPUT',
    `${lines} line${lines === 1 ? ' has' : 's have'} problems; nothing was imported.`,
    {
      fieldErrors: { csv: listed },
      issues: problems.slice(0, issuesListed).map((problem) => ({ ...problem })),
    },
  );
}

function batches<Item>(items: readonly Item[]): Item[][] {
  const result: Item[][] = [];
  for (let start = 0; start < items.length; start += batchSize) {
    result.push(items.slice(start, start + batchSize));
  }
  return result;
}

async function createPeople(tx: OrgTransaction, actor: Actor, plan: PeopleImportPlan) {
  for (const batch of batches(plan.creates)) {
    const created = await tx.person.createManyAndReturn({
      data: batch.map(({ email, displayName, externalId, active }) => ({
        orgId: actor.orgId,
        email,
        displayName,
        externalId,
        active,
      })),
      select: { id: true, email: true },
    });
    const ids = new Map(created.map((person) => [person.email, person.id]));
    const memberships = batch.flatMap(({ email, groups }) =>
      groups.map((name) => ({
        orgId: actor.orgId,
        personId: ids.get(email) as string,
        groupId: plan.groupIds.get(name) as string,
      })),
    );
    for (const part of batches(memberships)) await tx.personGroup.createMany({ data: part });
  }
}

async function updatePeople(tx: OrgTransaction, actor: Actor, plan: PeopleImportPlan) {
  const removals: { personId: string; groupId: string }[] = [];
  const additions: { orgId: string; personId: string; groupId: string }[] = [];
  const activeChanges = new Map<boolean, string[]>([
    [true, []],
    [false, []],
  ]);
  for (const { personId, changes } of plan.updates) {
    const groupId = (name: string) => plan.groupIds.get(name) as string;
    for (const name of changes.groups?.removed ?? []) {
      removals.push({ personId, groupId: groupId(name) });
    }
    for (const name of changes.groups?.added ?? []) {
      additions.push({ orgId: actor.orgId, personId, groupId: groupId(name) });
    }
    if (changes.active) activeChanges.get(changes.active.to)?.push(personId);
    // Names and external ids differ from person to person: one statement each.
    if (changes.displayName || changes.externalId) {
      await tx.person.update({
        where: { id: personId },
        data: {
          ...(changes.displayName ? { displayName: changes.displayName.to } : {}),
          ...(changes.externalId ? { externalId: changes.externalId.to } : {}),
        },
      });
    }
  }
  for (const part of batches(removals)) await releaseManualGroups(tx, part);
  for (const part of batches(additions)) await tx.personGroup.createMany({ data: part });
  for (const [active, ids] of activeChanges) {
    for (const part of batches(ids)) {
      await tx.person.updateMany({ where: { id: { in: part } }, data: { active } });
    }
  }
}

import type { OrgTransaction } from '@parapet/accounts';
import type { ScopedDb } from '@parapet/db/scoped';
import { type PersonRecord, personSelect, toPersonRecord } from '../person-record';
import { unknownGroupsMessage } from '../resolve-group-ids';
import { describePersonChanges, type PersonFieldChanges } from '../update-person';
import { quoteForMessage } from './quote-for-message';
import type { ImportProblem, PeopleCsv, PeopleCsvRow } from './read-people-csv';

export type PersonToCreate = {
  line: number;
  email: string;
  displayName: string | null;
  externalId: string | null;
  groups: string[];
  active: boolean;
};

export type PersonToUpdate = {
  line: number;
  personId: string;
  email: string;
  /** Each field that changes, from what to what (groups as added and removed). */
  changes: PersonFieldChanges;
};

/** What an import would do, line by line. Nothing is applied while `problems` is not empty. */
export type PeopleImportPlan = {
  creates: PersonToCreate[];
  updates: PersonToUpdate[];
  unchanged: { line: number; email: string }[];
  problems: ImportProblem[];
  /** The organization's groups by name, as read for this plan. */
  groupIds: Map<string, string>;
};

/**
 * Compares the file with the directory: who is new, who changes and how, who is unchanged, and
 * which lines cannot be applied (groups the organization does not have, an external id that
 * belongs to someone else), besides the problems found in the file itself.
 */
export async function planPeopleImport({
  db,
  csv,
}: {
  db: OrgTransaction | ScopedDb;
  csv: PeopleCsv;
}): Promise<PeopleImportPlan> {
  const [people, groups] = await Promise.all([
    (db as ScopedDb).person.findMany({ select: personSelect }),
    (db as ScopedDb).policyGroup.findMany({ select: { id: true, name: true } }),
  ]);
  const byEmail = new Map<string, PersonRecord>();
  const byExternalId = new Map<string, string>();
  for (const row of people) {
    const person = toPersonRecord(row);
    byEmail.set(person.email, person);
    if (person.externalId !== null) byExternalId.set(person.externalId, person.email);
  }
  const groupIds = new Map(groups.map((group) => [group.name, group.id]));
  const plan: PeopleImportPlan = {
    creates: [],
    updates: [],
    unchanged: [],
    problems: [...csv.problems],
    groupIds,
  };
  for (const row of csv.rows) {
    const messages = checkAgainstDirectory(row, groupIds, byExternalId);
    if (messages.length > 0) {
      plan.problems.push(...messages.map((message) => ({ line: row.line, message })));
      continue;
    }
    const existing = byEmail.get(row.email);
    if (!existing) {
      plan.creates.push({
        line: row.line,
        email: row.email,
        displayName: row.displayName ?? null,
        externalId: row.externalId ?? null,
        groups: row.groups ?? [],
        active: row.active ?? true,
      });
      continue;
    }
    const changes = describePersonChanges(existing, row);
    if (Object.keys(changes).length === 0) {
      plan.unchanged.push({ line: row.line, email: row.email });
    } else {
      plan.updates.push({ line: row.line, personId: existing.id, email: row.email, changes });
    }
  }
  plan.problems.sort((left, right) => left.line - right.line);
  return plan;
}

function checkAgainstDirectory(
  row: PeopleCsvRow,
  groupIds: Map<string, string>,
  byExternalId: Map<string, string>,
): string[] {
  const messages: string[] = [];
  const unknown = (row.groups ?? []).filter((name) => !groupIds.has(name));
  if (unknown.length > 0) messages.push(`groups: ${unknownGroupsMessage(unknown)}`);
  const holder = row.externalId ? byExternalId.get(row.externalId) : undefined;
  if (holder !== undefined && holder !== row.email) {
    messages.push(
      `external_id: ${quoteForMessage(row.externalId ?? '')} already belongs to ${holder}.`,
    );
  }
  return messages;
}

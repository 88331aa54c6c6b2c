import { assertRole, type MemberContext, parseInput } from '@parapet/accounts';
import type { Prisma } from '@parapet/db';
import { scopedDb } from '@parapet/db/scoped';
import { type ListPeopleInput, listPeopleSchema } from './list-people.schema';
import { type PersonRecord, personSelect, toPersonRecord } from './person-record';

export type PeoplePage = {
  people: PersonRecord[];
  /** How many people match the filters, over all pages. */
  total: number;
  /** The `after` of the next page, when there is one. */
  nextAfter: string | undefined;
};

/** One page of the organization's directory, by email, filtered by group, active or text. */
export async function listPeople({
  db,
  actor,
  input = {},
}: Omit<MemberContext, 'ip' | 'now'> & { input?: ListPeopleInput }): Promise<PeoplePage> {
  assertRole(actor, 'auditor');
  const { group, active, search, after, limit } = parseInput(listPeopleSchema, input);
  const where: Prisma.PersonWhereInput = {
    ...(group === undefined ? {} : { groups: { some: { group: { name: group } } } }),
    ...(active === undefined ? {} : { active }),
    ...(search === undefined
      ? {}
      : {
          OR: [
            { email: { contains: likeLiteral(search), mode: 'insensitive' } },
            { displayName: { contains: likeLiteral(search), mode: 'insensitive' } },
          ],
        }),
  };
  const scoped = scopedDb({ prisma: db, orgId: actor.orgId });
  const [rows, total] = await Promise.all([
    scoped.person.findMany({
      where: after === undefined ? where : { AND: [where, { email: { gt: after } }] },
      orderBy: { email: 'asc' },
      take: limit + 1,
      select: personSelect,
    }),
    scoped.person.count({ where }),
  ]);
  const people = rows.slice(0, limit).map(toPersonRecord);
  const last = people.at(-1);
  return { people, total, nextAfter: rows.length > limit && last ? last.email : undefined };
}

/** Prisma passes `contains` to LIKE as is: escape its wildcards so "_" matches only "_". */
function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

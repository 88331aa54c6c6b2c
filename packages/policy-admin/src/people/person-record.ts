import type { Prisma } from '@parapet/db';
import { compareNames } from './person-fields';

/** A person in the organization's directory, as every people function returns them. */
export type PersonRecord = {
  id: string;
  email: string;
  displayName: string | null;
  externalId: string | null;
  active: boolean;
  /** Their policy groups by name, in the engine's order. */
  groups: string[];
  /**
   * The part of `groups` held through a SCIM directory (its group mappings), not set by hand:
   * an edit of the person's groups by hand neither adds nor removes these.
   */
  directoryGroups: string[];
  createdAt: Date;
  updatedAt: Date;
};

/** What to read for a PersonRecord. */
export const personSelect = {
  id: true,
  email: true,
  displayName: true,
  externalId: true,
  active: true,
  createdAt: true,
  updatedAt: true,
  groups: { select: { source: true, group: { select: { name: true } } } },
} satisfies Prisma.PersonSelect;

type PersonRow = Prisma.PersonGetPayload<{ select: typeof personSelect }>;

export function toPersonRecord({ groups, ...person }: PersonRow): PersonRecord {
  return {
    ...person,
    groups: groups.map(({ group }) => group.name).sort(compareNames),
    directoryGroups: groups
      .filter(({ source }) => source === 'directory')
      .map(({ group }) => group.name)
      .sort(compareNames),
  };
}

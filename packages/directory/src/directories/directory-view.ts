import type { Prisma } from '@parapet/db';
import { AppError } from '@parapet/errors';

/** A directory connection as the console and the admin API show it: never its token. */
export type DirectoryView = {
  id: string;
  name: string;
  /** What the IdP is given as the SCIM base URL (Okta's connector base URL, Entra's tenant URL). */
  scimBaseUrl: string;
  /** The token's first characters, so an admin can tell which token an IdP holds. */
  tokenPrefix: string;
  tokenRotatedAt: Date | null;
  createdAt: Date;
  /** The last SCIM request that changed something. */
  lastSyncAt: Date | null;
  requestCount: number;
  errorCount: number;
  lastErrorAt: Date | null;
  /** People this directory provisioned, and its SCIM groups. */
  userCount: number;
  groupCount: number;
};

export const directorySelect = {
  id: true,
  name: true,
  tokenPrefix: true,
  tokenRotatedAt: true,
  createdAt: true,
  lastSyncAt: true,
  requestCount: true,
  errorCount: true,
  lastErrorAt: true,
  _count: { select: { people: true, groups: true } },
} satisfies Prisma.DirectorySelect;

type DirectoryRow = Prisma.DirectoryGetPayload<{ select: typeof directorySelect }>;

export function toDirectoryView({ _count, ...row }: DirectoryRow, origin: string): DirectoryView {
  return {
    ...row,
    scimBaseUrl: scimBaseUrl(origin, row.id),
    userCount: _count.people,
    groupCount: _count.groups,
  };
}

/**
 * The SCIM base URL of a directory: the console's public origin (AUTH_URL's, as for invite
 * links) and the directory's id; the SCIM resources (`/Users`, `/Groups`, …) sit below it.
 */
export function scimBaseUrl(origin: string, directoryId: string): string {
  return `${origin.replace(/\/+$/, '')}/scim/v2/${directoryId}`;
}

/** One answer for an unknown id and another organization's, so neither is told apart. */
export function directoryNotFound(): AppError {
  return new AppError('NOT_FOUND', 'This directory does not exist.');
}

import type {
  ActivityLogEntry,
  ActivityVerifiedPosition,
  Prisma,
} from '../generated/prisma/client';

/**
 * The part of a Prisma client the activity log uses. Both a plain transaction client and a
 * transaction of the org-scoped client (`scopedDb(...).$transaction`) fit it, so domain code can
 * record activity through whichever it holds.
 */
export type ActivityDb = {
  organization: {
    update: (args: {
      where: { id: string };
      data: { lastActivitySeq: { increment: number } };
      select: { lastActivitySeq: true };
    }) => PromiseLike<{ lastActivitySeq: number }>;
    findUnique: (args: {
      where: { id: string };
      select: { lastActivitySeq: true };
    }) => PromiseLike<{ lastActivitySeq: number } | null>;
  };
  activityLogEntry: {
    findUnique: (args: {
      where: { orgId_seq: { orgId: string; seq: number } };
      select: { hash: true };
    }) => PromiseLike<{ hash: string } | null>;
    findMany: (args: {
      where: { orgId: string; seq: { gte: number } };
      orderBy: { seq: 'asc' };
      take: number;
    }) => PromiseLike<ActivityLogEntry[]>;
    count: (args: {
      where: { orgId: string; seq: { gte: number; lte: number } };
    }) => PromiseLike<number>;
    create: (args: {
      data: Omit<Prisma.ActivityLogEntryUncheckedCreateInput, 'details'> & {
        details: Prisma.InputJsonValue;
      };
    }) => PromiseLike<ActivityLogEntry>;
  };
  activityVerifiedPosition: {
    findUnique: (args: {
      where: { orgId: string };
    }) => PromiseLike<ActivityVerifiedPosition | null>;
    upsert: (args: {
      where: { orgId: string };
      create: ActivityVerifiedPosition;
      update: Omit<ActivityVerifiedPosition, 'orgId'>;
    }) => PromiseLike<ActivityVerifiedPosition>;
  };
};

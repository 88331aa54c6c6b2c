import { z } from 'zod';
import { DbError } from '../db-error';
import { Prisma, type PrismaClient } from '../generated/prisma/client';
import { describeOrgModels } from './describe-org-models';
import { scopeArguments } from './scope-arguments';

function refuseRaw(): never {
  throw new DbError(
    'SCOPE_UNSUPPORTED',
    'Raw SQL cannot be scoped to an organization: use the model API, or an unscoped client in a reviewed domain function.',
  );
}

/**
 * A Prisma client that can only see and change one organization's rows: the one place where
 * tenancy is enforced. Every org-owned model (any model with `orgId`) is filtered by `orgId` on
 * reads, updates, deletes, counts and aggregates; creates get the org forced in; writes naming
 * another org are refused; the organization itself is reachable only by its own id; raw SQL is
 * refused. Models without `orgId` (users, sessions) are global identity tables and pass through,
 * but every path from them into org-owned models (nested reads and writes, relation filters,
 * ordering) is refused, and the org relation can only ever lead to the scope's own org.
 */
export function scopedDb({ prisma, orgId }: { prisma: PrismaClient; orgId: string }) {
  const scopeOrgId = z
    .uuid({ message: 'scopedDb needs the organization id (a UUID)' })
    .parse(orgId);
  const scope = { orgId: scopeOrgId, models: describeOrgModels({ prisma }) };
  return prisma.$extends(
    Prisma.defineExtension({
      name: 'parapet-org-scope',
      query: {
        $allModels: {
          $allOperations({ model, operation, args, query }) {
            return query(
              scopeArguments({
                model,
                operation,
                args: args as Record<string, unknown>,
                scope,
              }) as typeof args,
            );
          },
        },
        $queryRaw: refuseRaw,
        $executeRaw: refuseRaw,
        $queryRawUnsafe: refuseRaw,
        $executeRawUnsafe: refuseRaw,
      },
    }),
  );
}

export type ScopedDb = ReturnType<typeof scopedDb>;

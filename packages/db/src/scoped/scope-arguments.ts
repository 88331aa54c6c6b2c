import { DbError } from '../db-error';
import { assertQueryFiltersInScope } from './assert-filters-in-scope';
import { assertReadsInScope } from './assert-reads-in-scope';
import { TENANT_MODEL } from './describe-org-models';
import {
  type Args,
  eachItem,
  isObject,
  isOrgScoped,
  type Scope,
  withOrgCondition,
} from './scope-rules';
import { scopeWrittenData } from './scope-written-data';

const WHERE_OPERATIONS = new Set([
  'findUnique',
  'findUniqueOrThrow',
  'findFirst',
  'findFirstOrThrow',
  'findMany',
  'count',
  'aggregate',
  'groupBy',
  'update',
  'updateMany',
  'updateManyAndReturn',
  'upsert',
  'delete',
  'deleteMany',
]);
const CREATE_OPERATIONS = new Set(['create', 'createMany', 'createManyAndReturn']);
// Every argument that carries written rows: `data`, and an upsert's `create` and `update`.
const WRITTEN_ARGUMENTS = ['data', 'create', 'update'] as const;

/**
 * Rewrites one model operation's arguments so it can only reach rows of the scope's org:
 * `orgId` is added to every filter, forced onto every created row, and refused when a write
 * names another org; the tenant model itself is filtered by `id`. Filters, nested reads and
 * nested writes are walked first, and refused where they would span organizations.
 */
export function scopeArguments({
  model,
  operation,
  args,
  scope,
}: {
  model: string;
  operation: string;
  args: Args | undefined;
  scope: Scope;
}): Args {
  const scoped: Args = { ...(args ?? {}) };
  assertQueryFiltersInScope({ model, args: scoped, scope });
  assertReadsInScope({ model, args: scoped, scope });
  for (const key of WRITTEN_ARGUMENTS) {
    if (scoped[key] !== undefined)
      scoped[key] = scopeWrittenData({ model, data: scoped[key], scope });
  }
  if (!isOrgScoped({ model, scope })) return scoped;
  if (model === TENANT_MODEL && (CREATE_OPERATIONS.has(operation) || operation === 'upsert')) {
    throw new DbError('SCOPE_UNSUPPORTED', `A scoped client cannot ${operation} organizations.`);
  }
  if (WHERE_OPERATIONS.has(operation)) {
    scoped.where = withOrgCondition({ model, where: scoped.where, scope });
  }
  if (operation === 'upsert') {
    scoped.create = withOrg({ model, data: scoped.create, scope });
  } else if (CREATE_OPERATIONS.has(operation)) {
    scoped.data = eachItem(scoped.data, (row) => withOrg({ model, data: row, scope }));
  }
  return scoped;
}

/** Sets the row's org, in whichever of Prisma's two input styles the caller used. */
function withOrg({ model, data, scope }: { model: string; data: unknown; scope: Scope }): Args {
  const row = isObject(data) ? data : {};
  const relation = scope.models.tenantRelation.get(model);
  // The relation was checked by scopeWrittenData: it can only connect the scope's org.
  if (relation && relation in row) return row;
  const usesRelations = Object.keys(row).some((field) =>
    scope.models.relations.get(model)?.has(field),
  );
  // Prisma rejects a mix of scalar foreign keys and relation objects in one `data`, so a caller
  // who connects relations gets the org connected the same way.
  if (usesRelations && relation && !('orgId' in row)) {
    return { ...row, [relation]: { connect: { id: scope.orgId } } };
  }
  return { ...row, orgId: scope.orgId };
}

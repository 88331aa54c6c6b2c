import { DbError } from '../db-error';
import { type OrgModels, TENANT_MODEL } from './describe-org-models';

type Args = Record<string, unknown>;
type Scope = { orgId: string; models: OrgModels };

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

/**
 * Rewrites one model operation's arguments so it can only reach rows of the scope's org:
 * `orgId` is added to every filter, forced onto every created row, and refused when a write
 * names another org. The tenant model itself is filtered by `id`.
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
  assertReadsStayInScope({ model, args: scoped, scope });
  assertWritesStayInScope({ value: scoped.data, scope });
  if (!scope.models.orgOwned.has(model) && model !== TENANT_MODEL) return scoped;
  const key = model === TENANT_MODEL ? 'id' : 'orgId';
  if (model === TENANT_MODEL && (CREATE_OPERATIONS.has(operation) || operation === 'upsert')) {
    throw new DbError('SCOPE_UNSUPPORTED', `A scoped client cannot ${operation} organizations.`);
  }
  if (WHERE_OPERATIONS.has(operation)) {
    // Added as one more AND condition rather than overwriting the caller's: a caller asking for
    // another org's row (`where: { id: otherOrgId }`) must find nothing, not be silently
    // redirected to its own org's row.
    const where = (scoped.where as Args | undefined) ?? {};
    const and = where.AND === undefined ? [] : Array.isArray(where.AND) ? where.AND : [where.AND];
    scoped.where = { ...where, AND: [...and, { [key]: scope.orgId }] };
  }
  if (operation === 'upsert') {
    scoped.create = withOrg({ model, data: scoped.create as Args, scope });
  } else if (CREATE_OPERATIONS.has(operation)) {
    const data = scoped.data;
    scoped.data = Array.isArray(data)
      ? data.map((row: Args) => withOrg({ model, data: row, scope }))
      : withOrg({ model, data: data as Args, scope });
  }
  return scoped;
}

/** Sets the row's org, in whichever of Prisma's two input styles the caller used. */
function withOrg({ model, data, scope }: { model: string; data: Args; scope: Scope }): Args {
  const relation = scope.models.tenantRelation.get(model);
  if (relation && relation in data) return data;
  const usesRelations = Object.keys(data).some((field) =>
    scope.models.relations.get(model)?.has(field),
  );
  // Prisma rejects a mix of scalar foreign keys and relation objects in one `data`, so a caller
  // who connects relations gets the org connected the same way.
  if (usesRelations && relation && !('orgId' in data)) {
    return { ...data, [relation]: { connect: { id: scope.orgId } } };
  }
  return { ...data, orgId: scope.orgId };
}

/**
 * Walks written data (nested writes included) and refuses any `orgId`, or any connection to an
 * organization, that is not the scope's org.
 */
function assertWritesStayInScope({ value, scope }: { value: unknown; scope: Scope }): void {
  if (Array.isArray(value)) {
    for (const item of value) assertWritesStayInScope({ value: item, scope });
    return;
  }
  if (value === null || typeof value !== 'object' || value instanceof Date) return;
  for (const [field, nested] of Object.entries(value as Args)) {
    const orgId =
      field === 'orgId'
        ? orgIdOf(nested)
        : field === 'organization'
          ? connectedId(nested)
          : undefined;
    if (orgId !== undefined && orgId !== scope.orgId) {
      throw new DbError(
        'SCOPE_VIOLATION',
        `A scoped client cannot write rows of another organization (${field}).`,
      );
    }
    assertWritesStayInScope({ value: nested, scope });
  }
}

function orgIdOf(value: unknown): unknown {
  if (value !== null && typeof value === 'object' && 'set' in value) return (value as Args).set;
  return value;
}

function connectedId(value: unknown): unknown {
  const connect = (value as Args | null)?.connect as Args | undefined;
  return connect === undefined ? undefined : (connect.id ?? null);
}

/**
 * Nested reads from a model that is not org-owned (a user) into an org-owned relation (all of
 * that user's memberships) would reach other orgs' rows: they are refused rather than guessed.
 */
function assertReadsStayInScope({
  model,
  args,
  scope,
}: {
  model: string;
  args: Args;
  scope: Scope;
}): void {
  for (const key of ['include', 'select'] as const) {
    const tree = args[key];
    if (tree === null || typeof tree !== 'object') continue;
    for (const [field, nested] of Object.entries(tree as Args)) {
      if (!nested) continue;
      if (field === '_count') {
        assertCountStaysInScope({ model, count: nested, scope });
        continue;
      }
      const target = scope.models.relations.get(model)?.get(field);
      if (!target) continue;
      if (crossesScope({ from: model, to: target, scope })) {
        throw new DbError(
          'SCOPE_UNSUPPORTED',
          `A scoped client cannot read ${model}.${field}: it spans organizations.`,
        );
      }
      if (typeof nested === 'object')
        assertReadsStayInScope({ model: target, args: nested as Args, scope });
    }
  }
}

function assertCountStaysInScope({
  model,
  count,
  scope,
}: {
  model: string;
  count: unknown;
  scope: Scope;
}): void {
  const select = (count as Args | null)?.select;
  const fields =
    select && typeof select === 'object'
      ? Object.keys(select)
      : [...(scope.models.relations.get(model)?.keys() ?? [])];
  for (const field of fields) {
    const target = scope.models.relations.get(model)?.get(field);
    if (target && crossesScope({ from: model, to: target, scope })) {
      throw new DbError(
        'SCOPE_UNSUPPORTED',
        `A scoped client cannot count ${model}.${field}: it spans organizations.`,
      );
    }
  }
}

function crossesScope({ from, to, scope }: { from: string; to: string; scope: Scope }): boolean {
  const fromScoped = scope.models.orgOwned.has(from) || from === TENANT_MODEL;
  return !fromScoped && scope.models.orgOwned.has(to);
}

import { DbError } from '../db-error';
import { assertFilterInScope } from './assert-filters-in-scope';
import { TENANT_MODEL } from './describe-org-models';
import {
  type Args,
  crossesScope,
  eachItem,
  isObject,
  refuseSpanning,
  relationTarget,
  type Scope,
  withOrgCondition,
} from './scope-rules';

type Nested = { target: string; payload: unknown; scope: Scope };

/**
 * Walks data a query writes (`data`, and an upsert's `create` and `update`), nested writes
 * included, knowing at each level which model it is on:
 * - an org column (`orgId`, or the tenant's `id`) may only be written with the scope's org;
 * - the relation to the tenant may only `connect` the scope's org (or `update` it): creating,
 *   upserting or connect-or-creating an organization from a scoped client is refused outright;
 * - relations from a model that belongs to no org (a user) into org-owned models are not written
 *   through at all: `user.update({ data: { memberships: { updateMany } } })` reaches every org;
 * - `connect`, `set` and `connectOrCreate` into org-owned models only find the scope's rows.
 * Returns the data with those conditions added; throws `SCOPE_VIOLATION` or `SCOPE_UNSUPPORTED`.
 */
export function scopeWrittenData({
  model,
  data,
  scope,
}: {
  model: string;
  data: unknown;
  scope: Scope;
}): unknown {
  return eachItem(data, (row) => scopeRow({ model, row, scope }));
}

function scopeRow({ model, row, scope }: { model: string; row: unknown; scope: Scope }): unknown {
  if (!isObject(row)) return row;
  const scoped: Args = {};
  for (const [field, value] of Object.entries(row)) {
    const target = relationTarget({ model, field, scope });
    if (target) {
      scoped[field] = scopeRelationWrite({ model, field, target, operations: value, scope });
    } else {
      assertOwnOrgColumn({ model, field, value, scope });
      scoped[field] = value;
    }
  }
  return scoped;
}

function assertOwnOrgColumn({
  model,
  field,
  value,
  scope,
}: {
  model: string;
  field: string;
  value: unknown;
  scope: Scope;
}): void {
  const isOrgColumn =
    (field === 'orgId' && scope.models.orgOwned.has(model)) ||
    (field === 'id' && model === TENANT_MODEL);
  if (!isOrgColumn) return;
  const written = isObject(value) && 'set' in value ? value.set : value;
  if (written !== scope.orgId) {
    throw new DbError(
      'SCOPE_VIOLATION',
      `A scoped client cannot write rows of another organization (${model}.${field}).`,
    );
  }
}

function scopeRelationWrite({
  model,
  field,
  target,
  operations,
  scope,
}: {
  model: string;
  field: string;
  target: string;
  operations: unknown;
  scope: Scope;
}): unknown {
  if (!isObject(operations)) return operations;
  if (crossesScope({ from: model, to: target, scope }))
    refuseSpanning({ what: 'write through', model, field });
  const scoped: Args = {};
  for (const [operation, payload] of Object.entries(operations)) {
    scoped[operation] =
      target === TENANT_MODEL
        ? scopeTenantOperation({ model, field, operation, payload, scope })
        : scopeNestedOperation({ model, field, operation, target, payload, scope });
  }
  return scoped;
}

/** The one relation that must always lead to the scope's own organization. */
function scopeTenantOperation({
  model,
  field,
  operation,
  payload,
  scope,
}: {
  model: string;
  field: string;
  operation: string;
  payload: unknown;
  scope: Scope;
}): unknown {
  if (operation === 'connect' && isObject(payload) && payload.id === scope.orgId) {
    assertFilterInScope({ model: TENANT_MODEL, where: payload, scope });
    return payload;
  }
  if (operation === 'update') return scopeNestedUpdate({ target: TENANT_MODEL, payload, scope });
  throw new DbError(
    'SCOPE_VIOLATION',
    `A scoped client cannot ${operation} ${model}.${field}${operation === 'connect' ? ' to another organization' : ''}: the organization of its rows is always the scope's own.`,
  );
}

function scopeNestedOperation({
  model,
  field,
  operation,
  target,
  payload,
  scope,
}: Nested & { model: string; field: string; operation: string }): unknown {
  const data = (value: unknown) => scopeWrittenData({ model: target, data: value, scope });
  const unique = (value: unknown) => scopeUniqueFilter({ target, payload: value, scope });
  switch (operation) {
    case 'create':
      return data(payload);
    case 'createMany':
      return isObject(payload) ? { ...payload, data: data(payload.data) } : payload;
    case 'connect':
    case 'set':
      return eachItem(payload, unique);
    case 'connectOrCreate':
      return eachItem(payload, (item) =>
        isObject(item) ? { ...item, where: unique(item.where), create: data(item.create) } : item,
      );
    case 'upsert':
      return eachItem(payload, (item) =>
        isObject(item)
          ? {
              ...item,
              ...('where' in item ? { where: unique(item.where) } : {}),
              create: data(item.create),
              update: data(item.update),
            }
          : item,
      );
    case 'update':
    case 'updateMany':
      return eachItem(payload, (item) => scopeNestedUpdate({ target, payload: item, scope }));
    case 'delete':
    case 'deleteMany':
    case 'disconnect':
      // These act on rows already related to a parent that is in scope; their filters are walked.
      eachItem(payload, (item) => assertFilterInScope({ model: target, where: item, scope }));
      return payload;
    default:
      throw new DbError(
        'SCOPE_UNSUPPORTED',
        `A scoped client does not know the nested write ${model}.${field}.${operation}.`,
      );
  }
}

/** A nested `update` is `{ where?, data }`, or, on a to-one relation, the data itself. */
function scopeNestedUpdate({ target, payload, scope }: Nested): unknown {
  if (!isObject(payload)) return payload;
  const wrapped =
    'data' in payload && Object.keys(payload).every((key) => key === 'where' || key === 'data');
  if (!wrapped) return scopeWrittenData({ model: target, data: payload, scope });
  if (scope.models.fieldNames.get(target)?.has('data')) {
    throw new DbError(
      'SCOPE_UNSUPPORTED',
      `A nested update of ${target} is ambiguous: the model has a field named data.`,
    );
  }
  assertFilterInScope({ model: target, where: payload.where, scope });
  return { ...payload, data: scopeWrittenData({ model: target, data: payload.data, scope }) };
}

/** `connect`/`set`/`connectOrCreate` find any row by its unique key: limit them to the scope. */
function scopeUniqueFilter({ target, payload, scope }: Nested): unknown {
  assertFilterInScope({ model: target, where: payload, scope });
  if (!scope.models.orgOwned.has(target) || !isObject(payload)) return payload;
  return withOrgCondition({ model: target, where: payload, scope });
}

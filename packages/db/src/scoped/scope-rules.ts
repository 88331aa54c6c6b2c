import { DbError } from '../db-error';
import { type OrgModels, TENANT_MODEL } from './describe-org-models';

export type Args = Record<string, unknown>;
export type Scope = { orgId: string; models: OrgModels };

export function isObject(value: unknown): value is Args {
  return (
    value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date)
  );
}

/** Applies `visit` to one item or to each item of a list, as Prisma accepts both. */
export function eachItem<T>(value: unknown, visit: (item: unknown) => T): T | T[] {
  return Array.isArray(value) ? value.map(visit) : visit(value);
}

/** Whether rows of `model` belong to one org: the tenant itself and every model with `orgId`. */
export function isOrgScoped({ model, scope }: { model: string; scope: Scope }): boolean {
  return model === TENANT_MODEL || scope.models.orgOwned.has(model);
}

/**
 * A relation from a model that belongs to no org (a user) into one whose rows do (memberships,
 * or the tenant) reaches every org's rows: nothing on that path carries the scope.
 */
export function crossesScope({
  from,
  to,
  scope,
}: {
  from: string;
  to: string;
  scope: Scope;
}): boolean {
  return !isOrgScoped({ model: from, scope }) && isOrgScoped({ model: to, scope });
}

export function relationTarget({
  model,
  field,
  scope,
}: {
  model: string;
  field: string;
  scope: Scope;
}): string | undefined {
  return scope.models.relations.get(model)?.get(field);
}

/**
 * Adds the scope's org as one more AND condition rather than overwriting the caller's: a caller
 * asking for another org's row (`{ id: otherOrgId }`) must find nothing, not be silently
 * redirected to its own org's row.
 */
export function withOrgCondition({
  model,
  where,
  scope,
}: {
  model: string;
  where: unknown;
  scope: Scope;
}): Args {
  const base = isObject(where) ? where : {};
  const key = model === TENANT_MODEL ? 'id' : 'orgId';
  const and = base.AND === undefined ? [] : Array.isArray(base.AND) ? base.AND : [base.AND];
  return { ...base, AND: [...and, { [key]: scope.orgId }] };
}

export function refuseSpanning({
  what,
  model,
  field,
}: {
  what: string;
  model: string;
  field: string;
}): never {
  throw new DbError(
    'SCOPE_UNSUPPORTED',
    `A scoped client cannot ${what} ${model}.${field}: it spans organizations. Use an unscoped client in a reviewed domain function.`,
  );
}

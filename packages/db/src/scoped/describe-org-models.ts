import { DbError } from '../db-error';
import type { PrismaClient } from '../generated/prisma/client';

/** The model every org-owned row points to through `orgId`. */
export const TENANT_MODEL = 'Organization';
const ORG_FIELD = 'orgId';

type RuntimeField = { name: string; kind: string; type: string };
type RuntimeDataModel = { models: Record<string, { fields: RuntimeField[] }> };

export type OrgModels = {
  /** Models with an `orgId` column: every query on them is filtered by the scope's org. */
  orgOwned: ReadonlySet<string>;
  /** For each org-owned model, its relation field to the tenant (`organization`), if any. */
  tenantRelation: ReadonlyMap<string, string>;
  /** For each model, its relation fields and the model each one points to. */
  relations: ReadonlyMap<string, ReadonlyMap<string, string>>;
  /** For each model, the names of all its fields. */
  fieldNames: ReadonlyMap<string, ReadonlySet<string>>;
};

/**
 * Reads which models are org-owned from the data model the generated client carries (the
 * runtime subset of Prisma's DMMF), so a model added to schema.prisma with an `orgId` is scoped
 * without anyone remembering to list it.
 */
export function describeOrgModels({ prisma }: { prisma: PrismaClient }): OrgModels {
  // scopedDb runs once per request; the data model of a client never changes, so read it once.
  const cached = described.get(prisma);
  if (cached) return cached;
  const models = readOrgModels({ prisma });
  described.set(prisma, models);
  return models;
}

const described = new WeakMap<PrismaClient, OrgModels>();

function readOrgModels({ prisma }: { prisma: PrismaClient }): OrgModels {
  const dataModel = (prisma as unknown as { _runtimeDataModel?: RuntimeDataModel })
    ._runtimeDataModel;
  if (!dataModel?.models) {
    throw new DbError(
      'SCOPE_UNSUPPORTED',
      'The Prisma client exposes no runtime data model; the org scope cannot tell which models to filter.',
    );
  }
  const orgOwned = new Set<string>();
  const tenantRelation = new Map<string, string>();
  const relations = new Map<string, Map<string, string>>();
  const fieldNames = new Map<string, Set<string>>();
  for (const [model, { fields }] of Object.entries(dataModel.models)) {
    fieldNames.set(model, new Set(fields.map((field) => field.name)));
    const objectFields = fields.filter((field) => field.kind === 'object');
    relations.set(model, new Map(objectFields.map((field) => [field.name, field.type])));
    if (!fields.some((field) => field.name === ORG_FIELD && field.kind === 'scalar')) continue;
    orgOwned.add(model);
    const toTenant = objectFields.find((field) => field.type === TENANT_MODEL);
    if (toTenant) tenantRelation.set(model, toTenant.name);
  }
  return { orgOwned, tenantRelation, relations, fieldNames };
}

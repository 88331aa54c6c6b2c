// @parapet/db/scoped: the org-scoped data-access layer.
export { describeOrgModels, type OrgModels, TENANT_MODEL } from './describe-org-models';
export { type ScopedDb, scopedDb } from './scoped-db';

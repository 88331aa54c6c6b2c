// @parapet/policy-admin: an organization's policy as security admins administer it. Plain async
// functions, one per file, each taking one options object with the database client and the
// acting member (or API key); forms and routes import schemas from '@parapet/policy-admin/schemas'.

export { exportPolicyArchive, type PolicyArchive } from './archive/export-policy-archive';
export {
  type ImportedPolicyArchive,
  importPolicyArchive,
} from './archive/import-policy-archive';
export { type CreatedPolicyGroup, createPolicyGroup } from './groups/create-policy-group';
export { deletePolicyGroup } from './groups/delete-policy-group';
export { listPolicyGroups, type PolicyGroupRow } from './groups/list-policy-groups';
export { updatePolicyGroup } from './groups/update-policy-group';
export { createPerson } from './people/create-person';
export { deactivatePerson } from './people/deactivate-person';
export { getPerson } from './people/get-person';
export { applyPeopleImport } from './people/import/apply-people-import';
export {
  type PeopleImportPreview,
  previewPeopleImport,
} from './people/import/preview-people-import';
export { peopleImportLimits } from './people/import/read-people-csv';
export { listPeople, type PeoplePage } from './people/list-people';
export type { PersonRecord } from './people/person-record';
export { updatePerson } from './people/update-person';
export { checkPolicy, type PolicyCheckResult } from './policy/check-policy';
export { getPolicyDraft, type PolicyDraft } from './policy/get-policy-draft';
export {
  type LoadedPolicySources,
  loadPolicySources,
  type PolicyTarget,
} from './policy/load-policy-sources';
export type { PolicyLayer, VersionDocument } from './policy/policy-layer';
export { type PublishedPolicy, publishPolicy } from './policy/publish-policy';
export {
  policyDocumentByteLimit,
  type SavedPolicyDraft,
  savePolicyDraft,
} from './policy/save-policy-draft';
export * from './schemas';
export {
  comparePolicies,
  type DecisionChange,
  type DecisionChangeKind,
  type PolicyComparison,
} from './simulate/compare-policies';
export {
  type EffectivePolicyView,
  effectivePolicyFor,
  getEffectivePolicy,
} from './simulate/get-effective-policy';
export type { PolicySubject } from './simulate/policy-subject';
export { type Simulation, simulatePolicy } from './simulate/simulate-policy';
export type { LineDiff, LineDiffHunk, LineDiffLine } from './versions/diff-lines';
export {
  diffPolicyVersions,
  type LayerDiff,
  type PolicyVersionsDiff,
} from './versions/diff-policy-versions';
export type { DocumentRuleDiff, EntryDiff, RuleSurface } from './versions/diff-rules';
export { getPolicyVersion, type PolicyVersionDetails } from './versions/get-policy-version';
export { listPolicyVersions, type PolicyVersionRow } from './versions/list-policy-versions';
export { rollbackPolicy } from './versions/rollback-policy';

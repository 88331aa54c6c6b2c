// Client-safe entry point: the zod schemas forms and routes validate with.
export { groupNameField } from './groups/group-name-field';
export {
  createPolicyGroupSchema,
  deletePolicyGroupSchema,
  updatePolicyGroupSchema,
} from './groups/policy-group.schema';
export { createPersonSchema } from './people/create-person.schema';
export { listPeopleSchema } from './people/list-people.schema';
export {
  booleanField,
  displayNameField,
  externalIdField,
  personEmailField,
  personGroupsField,
} from './people/person-fields';
export { personIdSchema } from './people/person-id.schema';
export { updatePersonSchema } from './people/update-person.schema';
export { policyLayerField } from './policy/policy-layer-field';
export { publishMessageField, publishPolicySchema } from './policy/publish-policy.schema';
export {
  getPolicyDraftSchema,
  policyFormatField,
  revisionField,
  savePolicyDraftSchema,
} from './policy/save-policy-draft.schema';
export { comparePoliciesSchema } from './simulate/compare-policies.schema';
export { getEffectivePolicySchema } from './simulate/get-effective-policy.schema';
export { simulatePolicySchema } from './simulate/simulate-policy.schema';
export { maxSimulatedRequests, policyTargetField } from './simulate/simulation-fields';
export {
  diffPolicyVersionsSchema,
  getPolicyVersionSchema,
  policyVersionField,
  rollbackPolicySchema,
} from './versions/policy-version.schema';

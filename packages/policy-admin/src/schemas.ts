// Client-safe entry point: the zod schemas forms and routes validate with.
export { groupNameField } from './groups/group-name-field';
export {
  createPolicyGroupSchema,
  deletePolicyGroupSchema,
  updatePolicyGroupSchema,
} from './groups/policy-group.schema';

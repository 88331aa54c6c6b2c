// @parapet/directory: directory connections, IdP group → policy group mappings and the event
// log. The SCIM protocol server is exported from "@parapet/directory/scim".
export {
  type RecomputeResult,
  recomputeDirectoryPolicyGroups,
} from './mappings/recompute-directory-policy-groups';

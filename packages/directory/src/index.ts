// @parapet/directory: directory connections, IdP group → policy group mappings and the event
// log. The SCIM protocol server is exported from "@parapet/directory/scim".
export { type CreatedDirectory, createDirectory } from './directories/create-directory';
export { deleteDirectory } from './directories/delete-directory';
export {
  type CreateDirectoryInput,
  createDirectorySchema,
  type DirectoryIdInput,
  directoryIdSchema,
} from './directories/directory.schema';
export { type DirectoryView, scimBaseUrl } from './directories/directory-view';
export { getDirectory, listDirectories } from './directories/list-directories';
export { rotateDirectoryToken } from './directories/rotate-directory-token';
export {
  type DirectoryEventsPage,
  type DirectoryEventView,
  directoryEventOutcomes,
  type ListDirectoryEventsInput,
  listDirectoryEvents,
  listDirectoryEventsSchema,
} from './events/list-directory-events';
export { type DirectoryGroupView, listDirectoryGroups } from './mappings/list-directory-groups';
export {
  type DirectoryGroupsInput,
  directoryGroupsSchema,
  type SetDirectoryGroupMappingInput,
  setDirectoryGroupMappingSchema,
} from './mappings/mapping.schema';
export {
  type RecomputeResult,
  recomputeDirectoryPolicyGroups,
} from './mappings/recompute-directory-policy-groups';
export { setDirectoryGroupMapping } from './mappings/set-directory-group-mapping';

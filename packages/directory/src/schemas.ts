// @parapet/directory/schemas: the input schemas alone, for the console's client-side forms,
// which must not pull in the server code behind the package's main entry.
export {
  type CreateDirectoryInput,
  createDirectorySchema,
  type DirectoryIdInput,
  directoryIdSchema,
} from './directories/directory.schema';
export {
  type DirectoryGroupsInput,
  directoryGroupsSchema,
  type SetDirectoryGroupMappingInput,
  setDirectoryGroupMappingSchema,
} from './mappings/mapping.schema';

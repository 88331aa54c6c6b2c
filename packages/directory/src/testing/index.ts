// @parapet/directory/testing: helpers for tests of directory sync against a real database.
export {
  type ScimAnswer,
  type ScimTestClient,
  scimTestClient,
  scimTestOrigin,
  seedScimDirectory,
} from './scim-test-client';

// @parapet/directory/scim: the SCIM 2.0 service (RFC 7643/7644) of a directory connection.
// The console's route handler reads the HTTP request and calls handleScimRequest.

export {
  authenticateDirectoryToken,
  type DirectoryCaller,
  readBearerToken,
} from './authenticate-directory-token';
export { handleScimRequest, type ScimHttpRequest } from './handle-scim-request';
export { ScimError } from './scim-error';
export { maxBodyBytes } from './scim-limits';
export type { ScimResponse } from './scim-response';

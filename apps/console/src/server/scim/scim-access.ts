import { publicAccess } from '../entry-points/access';

/**
 * SCIM requests carry no session: the route authenticates each one with the bearer token of
 * the directory its address names (@parapet/directory/scim authenticateDirectoryToken), so to
 * the console's resolver they are public, with that reason on record.
 */
export const scimAccess = publicAccess(
  'SCIM requests authenticate with their directory connection’s bearer token, checked by the SCIM service on every request.',
);

import { z } from 'zod';

// The shapes the admin API's directory routes answer with, which the OpenAPI document
// describes. A directory's token appears only in the answers of create and rotate-token.

/** A SCIM directory connection as listed: never its token, only the token's first characters. */
export const directoryOutput = z.object({
  id: z.uuid(),
  name: z.string(),
  scimBaseUrl: z
    .string()
    .describe(
      'The SCIM base URL to give the IdP (Okta: SCIM connector base URL; Entra: Tenant URL).',
    ),
  tokenPrefix: z.string().describe('The token’s first characters, to tell tokens apart.'),
  tokenRotatedAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
  lastSyncAt: z.iso.datetime().nullable().describe('The last SCIM request that changed something.'),
  requestCount: z.number().int().describe('SCIM requests answered so far.'),
  errorCount: z.number().int().describe('SCIM requests refused or failed so far.'),
  lastErrorAt: z.iso.datetime().nullable(),
  userCount: z.number().int().describe('People this directory provisioned.'),
  groupCount: z.number().int().describe('SCIM groups this directory created.'),
});

/** The answer to a create: the token is shown this once. */
export const createdDirectoryOutput = z.object({
  id: z.uuid(),
  name: z.string(),
  scimBaseUrl: z.string(),
  token: z
    .string()
    .describe('The bearer token the IdP sends (`Authorization: Bearer pds_…`); never shown again.'),
});

/** A SCIM group of a directory with the policy groups it maps to. */
export const directoryGroupOutput = z.object({
  id: z.uuid(),
  displayName: z.string(),
  externalId: z.string().nullable(),
  memberCount: z.number().int(),
  policyGroups: z.array(z.string()).describe('The policy groups its members are put in.'),
  updatedAt: z.iso.datetime(),
});

/** One entry of a directory's event log. */
export const directoryEventOutput = z.object({
  id: z.uuid(),
  at: z.iso.datetime(),
  action: z.string().describe('user.created, group.members_changed, request.refused, …'),
  outcome: z.enum(['ok', 'refused', 'error']),
  method: z.string(),
  path: z.string(),
  status: z.number().int(),
  resourceType: z.string().nullable(),
  resourceId: z.string().nullable(),
  summary: z.string(),
  detail: z.unknown().nullable(),
});

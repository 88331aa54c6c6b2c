import * as apiKey from './api-keys/[id]/route';
import * as apiKeys from './api-keys/route';
import * as auditChainVerify from './audit/chains/[device]/verify/route';
import * as auditChains from './audit/chains/route';
import * as auditSummary from './audit/summary/route';
import * as destination from './destinations/[id]/route';
import * as destinationTest from './destinations/[id]/test/route';
import * as destinations from './destinations/route';
import * as deviceRevoke from './devices/[id]/revoke/route';
import * as device from './devices/[id]/route';
import * as devices from './devices/route';
import * as directoryEvents from './directories/[id]/events/route';
import * as directoryGroupMapping from './directories/[id]/groups/[groupId]/mapping/route';
import * as directoryGroups from './directories/[id]/groups/route';
import * as directoryRotateToken from './directories/[id]/rotate-token/route';
import * as directory from './directories/[id]/route';
import * as directories from './directories/route';
import * as domain from './domains/[id]/route';
import * as domains from './domains/route';
import * as enrollmentTokenRevoke from './enrollment-tokens/[id]/revoke/route';
import * as enrollmentTokens from './enrollment-tokens/route';
import * as event from './events/[id]/route';
import * as eventsExport from './events/export/route';
import * as events from './events/route';
import * as person from './people/[personId]/route';
import * as peopleImport from './people/import/route';
import * as people from './people/route';
import * as policyBaseline from './policy/baseline/route';
import * as policyCompare from './policy/compare/route';
import * as policyDiff from './policy/diff/route';
import * as policyEffective from './policy/effective/route';
import * as policyExport from './policy/export/route';
import * as policyGroup from './policy/groups/[group]/route';
import * as policyGroups from './policy/groups/route';
import * as policyGuardrails from './policy/guardrails/route';
import * as policyImport from './policy/import/route';
import * as policyPublish from './policy/publish/route';
import * as policyRollback from './policy/rollback/route';
import * as policySimulate from './policy/simulate/route';
import * as policyVersion from './policy/versions/[version]/route';
import * as policyVersions from './policy/versions/route';
import * as signingKeyRetire from './signing-keys/[kid]/retire/route';
import * as signingKeyRotate from './signing-keys/rotate/route';
import * as signingKeys from './signing-keys/route';
import * as ssoConnection from './sso-connections/[id]/route';
import * as ssoOidcConnection from './sso-connections/oidc/[id]/route';
import * as ssoOidcConnections from './sso-connections/oidc/route';
import * as ssoConnections from './sso-connections/route';
import * as ssoSettings from './sso-settings/route';

/**
 * Every route module of the admin API. Next.js loads a route's module only when it is first
 * called, so the OpenAPI document (openapi.json/route.ts) imports them all from here to describe
 * them; api-routes.test.ts fails on a route.ts under /api/v1 missing from this list.
 */
export const apiRouteModules: Record<string, unknown>[] = [
  apiKeys,
  apiKey,
  policyGuardrails,
  policyBaseline,
  policyGroups,
  policyGroup,
  policyPublish,
  policyVersions,
  policyVersion,
  policyDiff,
  policyRollback,
  people,
  person,
  peopleImport,
  policySimulate,
  policyCompare,
  policyEffective,
  policyExport,
  policyImport,
  enrollmentTokens,
  enrollmentTokenRevoke,
  devices,
  device,
  deviceRevoke,
  signingKeys,
  signingKeyRotate,
  signingKeyRetire,
  events,
  event,
  eventsExport,
  auditSummary,
  auditChains,
  auditChainVerify,
  destinations,
  destination,
  destinationTest,
  directories,
  directory,
  directoryRotateToken,
  directoryGroups,
  directoryGroupMapping,
  directoryEvents,
  ssoOidcConnections,
  ssoOidcConnection,
  ssoConnections,
  ssoConnection,
  domains,
  domain,
  ssoSettings,
];

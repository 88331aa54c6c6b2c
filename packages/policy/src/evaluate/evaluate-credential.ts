import type { CredentialIndex } from '../compile/compile-credential-rules';
import type { HostMatcher } from '../indexes/host-matcher';
import { isLoopbackAddress } from '../syntax/classify-address';
import { type NormalizedHost, normalizeHost } from '../syntax/normalize-host';
import { type Decision, invalidRequest } from './decision';
import type { EvaluationScope } from './evaluation-scope';
import { findUnknownField } from './find-unknown-field';

const FIELDS = new Set(['surface', 'credential', 'destination']);

type Destination = Exclude<NormalizedHost, { kind: 'invalid' }>;

function matchesDestination(matcher: HostMatcher, destination: Destination): boolean {
  if (destination.kind === 'name') {
    return (
      matcher.matchesName(destination.name) ||
      (matcher.matchesLoopback && destination.name === 'localhost')
    );
  }
  return (
    matcher.matchesAddress(destination.address) ||
    (matcher.matchesLoopback && isLoopbackAddress(destination.address))
  );
}

/**
 * A credential is never sent where its rules do not name. A deny with destinations also matches
 * a request that names no destination, since the credential might then go anywhere.
 */
export function evaluateCredential(
  index: CredentialIndex,
  request: Readonly<Record<string, unknown>>,
  scope: EvaluationScope,
): Decision {
  const unknown = findUnknownField(request, FIELDS);
  if (unknown !== null) return invalidRequest(scope.mode, unknown);
  const { credential, destination: rawDestination } = request;
  if (typeof credential !== 'string' || credential === '') {
    return invalidRequest(scope.mode, 'credential must be a non-empty string');
  }
  let destination: Destination | null = null;
  if (rawDestination !== undefined) {
    if (typeof rawDestination !== 'string')
      return invalidRequest(scope.mode, 'destination must be a string');
    const normalized = normalizeHost(rawDestination);
    if (normalized.kind === 'invalid')
      return invalidRequest(scope.mode, `destination: ${normalized.reason}`);
    destination = normalized;
  }
  const entries = index.get(credential);
  if (entries === undefined) return scope.fallback;
  let allow: Decision | null = null;
  for (const entry of entries) {
    if (scope.active[entry.layer] !== 1) continue;
    const reaches =
      destination === null ||
      entry.destinations === null ||
      matchesDestination(entry.destinations, destination);
    if (entry.deny && reaches) return entry.decision;
    if (!entry.deny && allow === null && reaches) allow = entry.decision;
  }
  return allow ?? scope.fallback;
}

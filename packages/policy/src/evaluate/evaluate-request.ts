import type { CredentialIndex } from '../compile/compile-credential-rules';
import type { FilesystemIndex } from '../compile/compile-filesystem-rules';
import type { McpIndex } from '../compile/compile-mcp-rules';
import type { NetworkIndex } from '../compile/compile-network-rules';
import { type Decision, invalidRequest } from './decision';
import { evaluateCredential } from './evaluate-credential';
import { evaluateFilesystem } from './evaluate-filesystem';
import { evaluateMcp } from './evaluate-mcp';
import { evaluateNetwork } from './evaluate-network';
import type { EvaluationScope } from './evaluation-scope';

export interface PolicyIndexes {
  readonly network: NetworkIndex;
  readonly filesystem: FilesystemIndex;
  readonly credentials: CredentialIndex;
  readonly mcp: McpIndex;
}

/** Routes a request to its surface. Anything that is not a request of a known surface is denied. */
export function evaluateRequest(
  indexes: PolicyIndexes,
  request: unknown,
  scope: EvaluationScope,
): Decision {
  if (request === null || typeof request !== 'object' || Array.isArray(request)) {
    return invalidRequest(scope.mode, 'the request must be an object');
  }
  const fields = request as Readonly<Record<string, unknown>>;
  switch (fields.surface) {
    case 'network':
      return evaluateNetwork(indexes.network, fields, scope);
    case 'filesystem':
      return evaluateFilesystem(indexes.filesystem, fields, scope);
    case 'credential':
      return evaluateCredential(indexes.credentials, fields, scope);
    case 'mcp':
      return evaluateMcp(indexes.mcp, fields, scope);
    case undefined:
      return invalidRequest(scope.mode, 'the request has no surface');
    default:
      return invalidRequest(
        scope.mode,
        `unknown surface ${JSON.stringify(fields.surface)}; expected network, filesystem, credential or mcp`,
      );
  }
}

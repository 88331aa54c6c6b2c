export type { EffectivePolicy } from './compile/build-effective-policy';
export { compileEffectivePolicy } from './compile/compile-effective-policy';
export type { CompiledPolicy, EvaluationContext } from './compile/compile-policy';
export { compilePolicy } from './compile/compile-policy';
export type { PolicySources } from './compile/read-policy-layers';
export type {
  PolicyTestExpectation,
  PolicyTestReport,
  PolicyTestResult,
} from './compile/run-policy-tests';
export type { PolicyIssue } from './errors/policy-compile-error';
export { formatPolicyIssue, PolicyCompileError } from './errors/policy-compile-error';
export type { Decision, DecisionValue, PolicyMode } from './evaluate/decision';
export type { ParsePolicyDocumentResult } from './parse/parse-policy-document';
export { parsePolicyDocument } from './parse/parse-policy-document';
export type { PolicySource } from './parse/read-policy-source';
export type {
  CredentialRequest,
  FilesystemRequest,
  McpRequest,
  NetworkRequest,
  PolicyDocument,
  PolicyRequest,
} from './schema/index';
export {
  policyDocumentJsonSchema,
  policyDocumentSchema,
  policyRequestSchema,
} from './schema/index';

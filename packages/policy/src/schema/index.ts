import { z } from 'zod';
import { policyDocumentSchema } from './policy-document-schema';

export * from './credential-rule-schema';
export * from './filesystem-rule-schema';
export * from './mcp-rule-schema';
export * from './network-rule-schema';
export * from './policy-document-schema';
export * from './policy-test-schema';
export * from './request-schema';

/** The JSON Schema of a policy document, for editors and IDEs (YAML language servers read it). */
export const policyDocumentJsonSchema = z.toJSONSchema(policyDocumentSchema);

import {
  comparePoliciesSchema,
  maxSimulatedRequests,
  simulatePolicySchema,
} from '@parapet/policy-admin/schemas';
import { z } from 'zod';

// The simulator's forms post text: the subject (a person's email, or group names separated by
// commas) and the requests as JSON, one request per line or one JSON array. These schemas read
// that text into the domain's own input and validate it with the domain's schema.

/**
 * Requests as typed: a JSON array, or one JSON value per line (blank lines skipped). A line that
 * is not JSON is refused with its number; a value that is JSON but not a request is simulated,
 * and the engine denies it with its reason.
 */
export const requestLinesField = z
  .string({ error: 'Enter at least one request as JSON.' })
  .transform((text, context) => {
    const trimmed = text.trim();
    if (trimmed === '') {
      context.addIssue({ code: 'custom', message: 'Enter at least one request as JSON.' });
      return z.NEVER;
    }
    if (trimmed.startsWith('[')) {
      try {
        const list: unknown = JSON.parse(trimmed);
        if (Array.isArray(list)) return list;
      } catch {
        // Not one array: read it line by line below, which names the line at fault.
      }
    }
    const requests: unknown[] = [];
    const lines = text.split(/\r?\n/);
    for (const [index, line] of lines.entries()) {
      if (line.trim() === '') continue;
      if (requests.length >= maxSimulatedRequests) break;
      try {
        requests.push(JSON.parse(line));
      } catch {
        context.addIssue({
          code: 'custom',
          message: `Line ${index + 1} is not JSON: write one request per line, like {"surface": "network", "host": "github.com", "port": 443}.`,
        });
        return z.NEVER;
      }
    }
    return requests;
  });

const subjectFields = {
  person: z.string({ error: 'Enter an email.' }).optional(),
  groups: z.string({ error: 'Choose the groups from the list.' }).optional(),
};

/**
 * A person when one is named; otherwise the groups listed (none: guardrails and baseline), as the
 * comma-separated text the domain's groups field reads.
 */
function readSubject({ person, groups }: { person?: string; groups?: string }): {
  person?: string;
  groups?: string;
} {
  const email = person?.trim();
  return email ? { person: email } : { groups: groups ?? '' };
}

export const simulateFormSchema = z
  .strictObject({ against: z.string(), requests: requestLinesField, ...subjectFields })
  .transform(({ against, requests, person, groups }) => ({
    against,
    requests,
    ...readSubject({ person, groups }),
  }))
  .transform(validateWith(simulatePolicySchema));

/** The published version against the drafts: what publishing the drafts would change. */
export const compareFormSchema = z
  .strictObject({ requests: requestLinesField, ...subjectFields })
  .transform(({ requests, person, groups }) => ({
    from: 'published' as const,
    to: 'draft' as const,
    requests,
    ...readSubject({ person, groups }),
  }))
  .transform(validateWith(comparePoliciesSchema));

/**
 * Validates the value read from the form with the domain's schema, its issues kept at their
 * paths. (A pipe would need the form's output type to equal the schema's input type exactly.)
 */
function validateWith<Schema extends z.ZodType>(schema: Schema) {
  return (value: unknown, context: z.core.$RefinementCtx): z.output<Schema> => {
    const parsed = schema.safeParse(value);
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues) {
      context.addIssue({ code: 'custom', message: issue.message, path: issue.path });
    }
    return z.NEVER;
  };
}

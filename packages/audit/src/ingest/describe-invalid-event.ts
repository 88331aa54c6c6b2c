import { auditEventSchema } from '../event/audit-event-schema';

const maxProblems = 5;
const maxProblemLength = 120;

/**
 * Why an event is rejected as `invalid`, in one short line naming the fields
 * (`resource.port: Too big…; seq: …`). Only the schema's words are used, each cut short, so a
 * huge or hostile value is never echoed back whole.
 */
export function describeInvalidEvent(value: unknown): string {
  const result = auditEventSchema.safeParse(value);
  if (result.success) {
    // The schema accepts it; only the storage rule the fast check adds can have refused it.
    return 'a text field holds a lone UTF-16 surrogate, which has no UTF-8 form';
  }
  const issues = result.error.issues;
  const problems = issues.slice(0, maxProblems).map((issue) => {
    const path = issue.path.map(String).join('.');
    return shorten(path === '' ? issue.message : `${path}: ${issue.message}`);
  });
  if (issues.length > maxProblems) problems.push(`and ${issues.length - maxProblems} more`);
  return problems.join('; ');
}

function shorten(text: string): string {
  return text.length <= maxProblemLength ? text : `${text.slice(0, maxProblemLength - 1)}…`;
}

import {
  policyLayerField,
  policyVersionField,
  publishMessageField,
  revisionField,
} from '@parapet/policy-admin/schemas';
import { z } from 'zod';

// The policy pages' forms as they are sent: every value is text, so a revision or a version
// arrives as its digits. The actions validate with these and the forms check with them first.

const wholeNumberText = z
  .string({ error: 'A whole number is expected.' })
  .regex(/^\d{1,10}$/, 'A whole number is expected.')
  .transform(Number);

export const saveDraftFormSchema = z.strictObject({
  layer: policyLayerField,
  // A browser sends a form's text with CRLF line breaks (the multipart encoding converts every
  // line break), while the editor's text has LF ones: convert them back, or every save through
  // the console would rewrite each line of the document and then differ from the editor's text.
  source: z
    .string({ error: 'The document must be text.' })
    .transform((source) => source.replaceAll('\r\n', '\n')),
  expectedRevision: wholeNumberText.pipe(revisionField),
});

export const publishFormSchema = z.strictObject({ message: publishMessageField });

export const rollbackFormSchema = z.strictObject({
  version: wholeNumberText.pipe(policyVersionField),
  message: publishMessageField,
});

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

/**
 * The draft revisions the page showed, as `layer@revision` separated by spaces: publishing
 * refuses a draft someone saved after the publisher looked, rather than publishing it unseen.
 */
const reviewedRevisionsField = z
  .string({ error: 'Reload the page and publish again.' })
  .max(1_000_000, 'Reload the page and publish again.')
  .transform((text) =>
    text
      .split(' ')
      .filter((entry) => entry !== '')
      .map((entry) => {
        const at = entry.lastIndexOf('@');
        return { layer: entry.slice(0, at), revision: Number(entry.slice(at + 1)) };
      }),
  )
  .pipe(z.array(z.strictObject({ layer: policyLayerField, revision: revisionField })));

export const publishFormSchema = z.strictObject({
  message: publishMessageField,
  reviewed: reviewedRevisionsField.optional(),
});

export const rollbackFormSchema = z.strictObject({
  version: wholeNumberText.pipe(policyVersionField),
  message: publishMessageField,
});

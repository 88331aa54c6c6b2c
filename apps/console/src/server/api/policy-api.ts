import { z } from 'zod';

// What the admin API's policy routes share: how a draft's revision travels in HTTP (ETag and
// If-Match) and the shapes of their answers, which the OpenAPI document describes.

/** A draft's revision as an entity tag: `"3"`. */
export function revisionEtag(revision: number): string {
  return `"${revision}"`;
}

/**
 * `If-Match` as the revision a writer started from: `"3"` (the ETag a GET or PUT gave), also
 * weak (`W/"3"`) or bare (`3`); `*` asks for no check. Anything else is refused, never ignored.
 */
export const ifMatchField = z
  .string()
  .trim()
  .regex(/^(\*|(W\/)?"?\d{1,10}"?)$/, 'If-Match is the ETag of the draft you edited, like "3".')
  .optional()
  .transform((value) =>
    value === undefined || value === '*' ? undefined : Number(value.replace(/\D/g, '')),
  );

/** A version number in the address (`/versions/3`) or the query string. */
export const versionSegmentField = z
  .string({ error: 'A version is a whole number from 1.' })
  .regex(/^[1-9]\d{0,9}$/, 'A version is a whole number from 1.')
  .transform(Number);

const issue = z.object({
  layer: z.string(),
  path: z.string().describe('Where in the document, e.g. `network.rules[2].hosts[0]`.'),
  line: z.number().optional(),
  message: z.string(),
});

export const draftOutput = z.object({
  layer: z.string(),
  source: z.string().describe('The document exactly as last saved.'),
  format: z.enum(['yaml', 'json']),
  revision: z.number().describe('Also the ETag: send it back as If-Match when saving.'),
  updatedBy: z.string().nullable(),
  updatedAt: z.iso.datetime().nullable(),
  issues: z.array(issue).describe('What publishing would refuse in this document.'),
});

export const savedDraftOutput = z.object({
  layer: z.string(),
  format: z.enum(['yaml', 'json']),
  revision: z.number().describe('The new revision, also the ETag.'),
  updatedBy: z.string(),
  updatedAt: z.iso.datetime(),
  issues: z.array(issue).describe('The saved draft’s problems; saving does not need validity.'),
  groupCreated: z.boolean(),
});

export const versionRow = z.object({
  version: z.number(),
  message: z.string(),
  authorEmail: z.string().nullable(),
  authorApiKeyId: z.uuid().nullable(),
  rolledBackFrom: z.number().nullable(),
  createdAt: z.iso.datetime(),
});

export const publishedOutput = z.object({ version: z.number(), createdAt: z.iso.datetime() });

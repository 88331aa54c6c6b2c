import { z } from 'zod';

/** A person of the directory as the admin API answers it. */
export const personOutput = z.object({
  id: z.uuid(),
  email: z.string(),
  displayName: z.string().nullable(),
  externalId: z.string().nullable(),
  active: z.boolean(),
  groups: z.array(z.string()).describe('Policy group names.'),
  directoryGroups: z
    .array(z.string())
    .describe(
      'The part of `groups` held through a SCIM directory (an IdP group mapped to it): a change of `groups` by hand neither adds nor removes these.',
    ),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});

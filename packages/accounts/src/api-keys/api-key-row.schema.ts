import { z } from 'zod';
import { roles } from '../shared/fields';

/** An API key as the admin API answers it (ApiKeyRow in JSON): never the secret. */
export const apiKeyRowSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  role: z.enum(roles),
  prefix: z.string().describe('The first characters of the key, to tell keys apart.'),
  createdBy: z.string().nullable().describe('The email of the member who created the key.'),
  createdAt: z.iso.datetime(),
  expiresAt: z.iso.datetime().nullable(),
  lastUsedAt: z.iso.datetime().nullable().describe('To the minute.'),
  revokedAt: z.iso.datetime().nullable(),
});

import { z } from 'zod';
import { roleField } from '../shared/fields';
import { humanNameField } from '../shared/human-name';

/**
 * A new API key: a name people recognise it by, the role it acts with, and optionally when it
 * stops working: an ISO date-time, or a date (from a form), which means the end of that day in
 * UTC, so a key "expiring" today still works today. Empty means never.
 */
export const createApiKeySchema = z.strictObject({
  name: humanNameField({ empty: 'Name the key, e.g. "CI policy sync".', max: 120 }),
  role: roleField,
  expiresAt: z
    .union([z.iso.datetime({ offset: true }), z.iso.date(), z.literal('')], {
      error: 'Enter a date, like 2030-01-31, or a date and time with its offset.',
    })
    .optional()
    .transform((value) => value || undefined),
});

export type CreateApiKeyInput = z.input<typeof createApiKeySchema>;

/** When a key given `expiresAt` stops working: a plain date lasts to the end of that day, UTC. */
export function apiKeyExpiry(expiresAt: string | undefined): Date | undefined {
  if (!expiresAt) return undefined;
  return new Date(expiresAt.length === 10 ? `${expiresAt}T23:59:59.999Z` : expiresAt);
}

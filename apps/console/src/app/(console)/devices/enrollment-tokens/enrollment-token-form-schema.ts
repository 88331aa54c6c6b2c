import { createEnrollmentTokenSchema } from '@parapet/distribution/schemas';
import { z } from 'zod';
import { groupListText } from '../../people/people-form-schemas';

// The create form asks how long a token should last rather than for a moment: an admin thinks
// "a week", and a duration needs no time zone. The server turns it into `expiresAt`.

export const enrollmentTokenLifetimes = [
  { value: '1h', label: '1 hour', ms: 60 * 60 * 1000 },
  { value: '1d', label: '1 day', ms: 24 * 60 * 60 * 1000 },
  { value: '7d', label: '7 days', ms: 7 * 24 * 60 * 60 * 1000 },
  { value: '30d', label: '30 days', ms: 30 * 24 * 60 * 60 * 1000 },
  { value: '90d', label: '90 days', ms: 90 * 24 * 60 * 60 * 1000 },
] as const;

type Lifetime = (typeof enrollmentTokenLifetimes)[number]['value'];

const lifetimeMs = new Map<string, number>(
  enrollmentTokenLifetimes.map((lifetime) => [lifetime.value, lifetime.ms]),
);

export const createEnrollmentTokenFormSchema = createEnrollmentTokenSchema
  .omit({ groups: true, expiresAt: true })
  .extend({
    groups: groupListText,
    expiresIn: z.enum(
      enrollmentTokenLifetimes.map((lifetime) => lifetime.value) as [Lifetime, ...Lifetime[]],
      { error: 'Choose how long the token lasts.' },
    ),
  })
  .transform(({ expiresIn, ...token }) => ({
    ...token,
    expiresAt: new Date(Date.now() + (lifetimeMs.get(expiresIn) ?? 0)).toISOString(),
  }));

import { idField } from '@parapet/accounts/schemas';
import { z } from 'zod';

export const revokeEnrollmentTokenSchema = z.strictObject({ id: idField });

export type RevokeEnrollmentTokenInput = z.input<typeof revokeEnrollmentTokenSchema>;

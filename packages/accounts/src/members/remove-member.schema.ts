import { z } from 'zod';
import { idField } from '../shared/fields';

export const removeMemberSchema = z.strictObject({ membershipId: idField });

export type RemoveMemberInput = z.input<typeof removeMemberSchema>;

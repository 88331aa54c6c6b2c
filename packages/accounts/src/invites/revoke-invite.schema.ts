import { z } from 'zod';
import { idField } from '../shared/fields';

export const revokeInviteSchema = z.strictObject({ inviteId: idField });

export type RevokeInviteInput = z.input<typeof revokeInviteSchema>;

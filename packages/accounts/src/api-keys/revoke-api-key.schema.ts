import { z } from 'zod';
import { idField } from '../shared/fields';

export const revokeApiKeySchema = z.strictObject({ id: idField });

export type RevokeApiKeyInput = z.input<typeof revokeApiKeySchema>;

import { z } from 'zod';
import { deviceFactsSchema, devicePublicKeySchema } from './device-fields';

/**
 * `POST /v1/enroll`'s body. The token is any short string here: one that is not a token at all
 * gets the same ENROLLMENT_TOKEN_INVALID as an expired or used one.
 */
export const enrollDeviceSchema = z.strictObject({
  token: z.string({ error: 'Give the enrollment token.' }).min(1).max(200),
  publicKey: devicePublicKeySchema,
  device: deviceFactsSchema,
});

export type EnrollDeviceInput = z.input<typeof enrollDeviceSchema>;

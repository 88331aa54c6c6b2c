// Client-safe: the zod schemas forms validate with (nothing here touches the database).
import { deviceFactsSchema, devicePublicKeySchema } from '@parapet/distribution/schemas';
import { z } from 'zod';

/** `POST /v1/device/authorize`: the key the device will enroll with and what it says it is. */
export const startDeviceAuthorizationSchema = z.strictObject({
  publicKey: devicePublicKeySchema,
  device: deviceFactsSchema,
});
export type StartDeviceAuthorizationInput = z.input<typeof startDeviceAuthorizationSchema>;

export const deviceCodeGrantType = 'urn:ietf:params:oauth:grant-type:device_code';

/**
 * `POST /v1/device/token` (RFC 8628 §3.4). Other OAuth parameters (`client_id`) may come along
 * and are ignored; the grant type must be the device code's.
 */
export const pollDeviceAuthorizationSchema = z.object({
  grant_type: z.literal(deviceCodeGrantType, {
    error: `grant_type must be ${deviceCodeGrantType}.`,
  }),
  device_code: z.string({ error: 'Give the device_code.' }).min(1).max(200),
});
export type PollDeviceAuthorizationInput = z.input<typeof pollDeviceAuthorizationSchema>;

/** The people page's code field: a person types it, so only its length is checked here. */
export const userCodeField = z
  .string({ error: 'Enter the code your terminal shows.' })
  .trim()
  .min(1, 'Enter the code your terminal shows.')
  .max(40, 'That is not a code from parapet-agent.');

export const lookUpDeviceLoginSchema = z.object({ userCode: userCodeField });

export const decideDeviceLoginSchema = z.object({
  userCode: userCodeField,
  decision: z.enum(['approve', 'deny'], { error: 'Choose Approve or Deny.' }),
});
export type DecideDeviceLoginInput = z.input<typeof decideDeviceLoginSchema>;

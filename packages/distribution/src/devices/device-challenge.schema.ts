import { z } from 'zod';
import { deviceIdField } from './device-fields';

/** `POST /v1/auth/challenge`'s body. */
export const issueDeviceChallengeSchema = z.strictObject({ device: deviceIdField });

/** `POST /v1/auth/token`'s body: the challenge, signed with the device's key (base64url). */
export const exchangeDeviceChallengeSchema = z.strictObject({
  device: deviceIdField,
  challenge: z.string({ error: 'Give the challenge.' }).min(1).max(100),
  signature: z
    .string({ error: 'Give the signature.' })
    .regex(/^[A-Za-z0-9_-]{86}$/, 'The signature is 64 bytes in base64url.'),
});

export type IssueDeviceChallengeInput = z.input<typeof issueDeviceChallengeSchema>;
export type ExchangeDeviceChallengeInput = z.input<typeof exchangeDeviceChallengeSchema>;

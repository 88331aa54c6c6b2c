import { z } from 'zod';

/** A key id: the RFC 7638 thumbprint, 43 base64url characters. */
export const kidField = z
  .string({ error: 'Give the key id.' })
  .regex(/^[A-Za-z0-9_-]{43}$/, 'A key id is 43 letters, digits, - or _.');

export const retireSigningKeySchema = z.strictObject({ kid: kidField });

export type RetireSigningKeyInput = z.input<typeof retireSigningKeySchema>;

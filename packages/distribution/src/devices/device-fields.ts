import { z } from 'zod';

// Facts a device reports about itself end up on the console's Devices page: no control,
// format (text-direction, invisible) or broken characters, so a hostname cannot disguise
// itself as another.
const plainText = /^[^\p{Cc}\p{Cf}\p{Cs}]*$/u;

export function deviceTextField({ what, max }: { what: string; max: number }) {
  return z
    .string({ error: `Give the ${what}.` })
    .trim()
    .min(1, `Give the ${what}.`)
    .max(max, `The ${what} has at most ${max} characters.`)
    .regex(plainText, `The ${what} cannot hold control or invisible characters.`);
}

export const deviceIdField = z.uuid({ error: 'This device reference is not valid.' });

/** What a device says about itself at enrollment. */
export const deviceFactsSchema = z.strictObject({
  hostname: deviceTextField({ what: 'hostname', max: 255 }),
  os: deviceTextField({ what: 'operating system', max: 120 }),
  agentVersion: deviceTextField({ what: 'agent version', max: 64 }),
});

/**
 * A device's public key: an Ed25519 JWK. Strict, so a private part (`d`) sent by mistake is
 * refused rather than stored; `kid`, `alg` and `use` may come along and are not stored.
 */
export const devicePublicKeySchema = z.strictObject({
  kty: z.literal('OKP', { error: 'The public key must be an OKP (Ed25519) JWK.' }),
  crv: z.literal('Ed25519', { error: 'The public key must be an Ed25519 JWK.' }),
  x: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'x must be 32 bytes in base64url.'),
  kid: z.string().max(100).optional(),
  alg: z.literal('EdDSA').optional(),
  use: z.literal('sig').optional(),
});

export type DevicePublicKey = z.infer<typeof devicePublicKeySchema>;

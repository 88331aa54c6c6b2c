import { calculateJwkThumbprint } from 'jose';
import { z } from 'zod';

const base64urlKey = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'a 32-byte key in base64url');

/**
 * A public Ed25519 signing key as key sets carry it. Strict, so a key set can never smuggle a
 * private part (`d`) or an option (`key_ops`, `x5u`) a verifier would have to interpret.
 */
export const publicJwkSchema = z.strictObject({
  kty: z.literal('OKP'),
  crv: z.literal('Ed25519'),
  x: base64urlKey,
  kid: z.string().min(1),
  alg: z.literal('EdDSA'),
  use: z.literal('sig'),
});
export type PublicJwk = z.infer<typeof publicJwkSchema>;

export const privateJwkSchema = publicJwkSchema.extend({ d: base64urlKey });
/** The private half: the public JWK plus `d`. Stored only encrypted (see docs/distribution.md). */
export type PrivateJwk = z.infer<typeof privateJwkSchema>;

/** RFC 7638 thumbprint (SHA-256, base64url) of an Ed25519 public key: its `kid`. */
export function calculateKid(jwk: { x: string }): Promise<string> {
  return calculateJwkThumbprint({ kty: 'OKP', crv: 'Ed25519', x: jwk.x }, 'sha256');
}

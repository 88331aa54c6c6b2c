import { z } from 'zod';
import { calculateKid, type PublicJwk, publicJwkSchema } from './jwk';

export const keySetType = 'parapet.keyset/v1' as const;

/** The claims of a signed key set (docs/distribution.md, "Key sets and trust"). */
export const keySetClaimsSchema = z.strictObject({
  type: z.literal(keySetType),
  org: z.string().min(1),
  version: z.int().min(1),
  iat: z.int(),
  keys: z.array(publicJwkSchema).min(1),
});
export type KeySetClaims = z.infer<typeof keySetClaimsSchema>;

/**
 * What is wrong with a key set's keys beyond their shape, or undefined: each must be named by
 * its own thumbprint (so a `kid` cannot be borrowed by another key) and appear once.
 */
export async function findKeySetKeyProblem(
  keys: readonly PublicJwk[],
): Promise<string | undefined> {
  const seen = new Set<string>();
  for (const key of keys) {
    if (seen.has(key.kid)) return `Key ${key.kid} appears twice`;
    seen.add(key.kid);
    if ((await calculateKid(key)) !== key.kid)
      return `Key ${key.kid} is not named by its RFC 7638 thumbprint`;
  }
  return undefined;
}

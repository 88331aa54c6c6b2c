import { BundleFormatError } from './bundle-format-error';
import { findKeySetKeyProblem, type KeySetClaims, keySetClaimsSchema } from './key-set-claims';
import { type SigningKeyInput, signGeneralJws } from './sign-general-jws';

/**
 * Signs a key set. For version N+1 the keys must include one of version N (the chain) and one
 * of the new set (possession); docs/distribution.md, "Key sets and trust".
 */
export async function signKeySet(options: {
  keySet: KeySetClaims;
  keys: readonly SigningKeyInput[];
}): Promise<string> {
  const parsed = keySetClaimsSchema.safeParse(options.keySet);
  if (!parsed.success)
    throw new BundleFormatError('invalid_claims', `Key set is invalid: ${parsed.error.message}`);
  const keyProblem = await findKeySetKeyProblem(parsed.data.keys);
  if (keyProblem !== undefined) throw new BundleFormatError('invalid_claims', keyProblem);
  return signGeneralJws({ claims: parsed.data, typ: 'parapet-keyset+jws', keys: options.keys });
}

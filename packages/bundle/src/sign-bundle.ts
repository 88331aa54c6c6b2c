import { type BundleClaims, bundleClaimsSchema } from './bundle-claims';
import { BundleFormatError } from './bundle-format-error';
import { type SigningKeyInput, signGeneralJws } from './sign-general-jws';

/** Signs a bundle with every key of the org's current key set (docs/distribution.md, "Bundle"). */
export async function signBundle(options: {
  claims: BundleClaims;
  keys: readonly SigningKeyInput[];
}): Promise<string> {
  const parsed = bundleClaimsSchema.safeParse(options.claims);
  if (!parsed.success)
    throw new BundleFormatError(
      'invalid_claims',
      `Bundle claims are invalid: ${parsed.error.message}`,
    );
  // The claims are signed as given, not as parsed: the schema drops unknown members, and a
  // signer must not silently sign less than it was handed.
  return signGeneralJws({ claims: options.claims, typ: 'parapet-bundle+jws', keys: options.keys });
}

import { z } from 'zod';

const seconds = z.int();

/**
 * The claims of a bundle (docs/distribution.md, "Bundle"). Unknown members are dropped rather
 * than refused, so a newer control plane can add a claim without every older endpoint refusing
 * all its bundles; they are still covered by the signature.
 */
export const bundleClaimsSchema = z.object({
  iss: z.string().min(1),
  org: z.string().min(1),
  sub: z.string().min(1),
  ver: z.int().min(0),
  iat: seconds,
  exp: seconds,
  policyVersion: z.int().min(0),
  groups: z.array(z.string()),
  policy: z.record(z.string(), z.unknown()),
});
export type BundleClaims = z.infer<typeof bundleClaimsSchema>;

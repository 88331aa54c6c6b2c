import { z } from 'zod';
import { ssoConnectionCommonSchema } from '../sso/create-sso-connection';

/** The OIDC part of a connection as an owner enters it. */
const oidcFields = {
  issuer: z.string().trim().min(1, 'Enter the issuer URL.').max(500),
  clientId: z.string().trim().min(1, 'Enter the client id.').max(300),
  clientSecret: z.string().min(1, 'Enter the client secret.').max(2000),
};

/** Creating an OIDC connection: the fields every protocol shares plus issuer, client id and secret. */
export const createOidcConnectionSchema = ssoConnectionCommonSchema.extend(oidcFields).strict();
export type CreateOidcConnectionInput = z.input<typeof createOidcConnectionSchema>;

/**
 * Changing an OIDC connection's protocol part. The secret is write-only: left out, the stored
 * one stays. A changed issuer is discovered again before it is saved.
 */
export const updateOidcConnectionSchema = z
  .object({
    issuer: oidcFields.issuer.optional(),
    clientId: oidcFields.clientId.optional(),
    clientSecret: oidcFields.clientSecret.optional(),
  })
  .strict();
export type UpdateOidcConnectionInput = z.input<typeof updateOidcConnectionSchema>;

/** The purpose under which client secrets are sealed (sealSecret's AAD and key derivation). */
export const oidcClientSecretPurpose = 'sso-oidc-client-secret';

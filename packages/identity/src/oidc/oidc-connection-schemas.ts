import { z } from 'zod';
import { ssoConnectionCommonSchema } from '../sso/create-sso-connection';
import { settingText } from '../sso/setting-text';

/** The OIDC part of a connection as an owner enters it. */
const oidcFields = {
  issuer: settingText({ max: 500, empty: 'Enter the issuer URL.' }),
  clientId: settingText({ max: 300, empty: 'Enter the client id.' }),
  clientSecret: z
    .string()
    .min(1, 'Enter the client secret.')
    .max(2000)
    .refine((value) => !/\p{Cc}/u.test(value), 'Remove the control characters.'),
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

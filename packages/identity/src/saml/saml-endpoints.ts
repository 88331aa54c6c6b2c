/** Where the console serves SAML, relative to its origin. */
export const samlPaths = {
  acs: '/api/sso/saml/acs',
  metadata: '/api/sso/saml/metadata',
  callback: '/api/sso/saml/callback',
} as const;

/** The values an owner gives their IdP. */
export type SamlSpValues = { spEntityId: string; acsUrl: string; spMetadataUrl: string };

/**
 * The service provider's values for a console origin. The entity id is the metadata URL, as
 * Okta and Entra suggest; jackson checks every assertion's audience against it.
 */
export function samlSpValues(origin: string): SamlSpValues {
  const base = origin.replace(/\/+$/, '');
  return {
    spEntityId: `${base}${samlPaths.metadata}`,
    acsUrl: `${base}${samlPaths.acs}`,
    spMetadataUrl: `${base}${samlPaths.metadata}`,
  };
}

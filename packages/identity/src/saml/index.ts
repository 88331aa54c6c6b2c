// SAML 2.0 single sign-on through @boxyhq/saml-jackson, embedded in the console.

export { checkSamlResponse, samlClockSkewMs } from './check-saml-response';
export {
  type CreateSamlConnectionInput,
  createSamlConnection,
  createSamlConnectionSchema,
} from './create-saml-connection';
export { deleteConnection } from './delete-saml-connection';
export { fetchIdpMetadata } from './fetch-idp-metadata';
export {
  closeJacksons,
  getJackson,
  jacksonDatabaseUrl,
  jacksonProduct,
  jacksonSchema,
} from './jackson';
export { type SamlSpValues, samlPaths, samlSpValues } from './saml-endpoints';
export {
  acceptSamlResponse,
  finishSamlSignIn,
  type SamlPending,
  type SamlStart,
  startSamlSignIn,
} from './saml-sign-in';

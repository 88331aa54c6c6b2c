// Test helpers other packages' tests and the Playwright specs use: a real OpenID Provider on
// loopback and a browserless sign-in through it.

export {
  authorizeAtProvider,
  type CodeFlowResult,
  signInWithCodeFlow,
} from './sign-in-with-code-flow';
export {
  type OidcTestAccount,
  type StartedOidcProvider,
  type StartOidcProviderOptions,
  startOidcProvider,
} from './start-oidc-provider';
export {
  type SamlIdpAnswer,
  type SamlTestUser,
  type StartedSamlIdp,
  type StartSamlIdpOptions,
  startSamlIdp,
} from './start-saml-idp';

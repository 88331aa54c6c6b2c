// @parapet/identity: single sign-on for console members (protocol-neutral core and SAML), and
// what other identity features build on it.

export * from './device-login';
export * from './oidc';
export * from './saml';
export * from './sso';

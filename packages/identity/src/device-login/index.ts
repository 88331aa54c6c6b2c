// Device login for people (RFC 8628; docs/identity.md, "Device login for people"): the edge
// starts and polls authorizations, the console's people page looks them up and decides them.

export { codeEntryPolicy } from './code-entry-throttle';
export { type DeviceLoginDecision, decideDeviceLogin } from './decide-device-login';
export {
  formatUserCode,
  normalizeUserCode,
  userCodeAlphabet,
  userCodeLength,
} from './device-codes';
export {
  type DecideDeviceLoginInput,
  decideDeviceLoginSchema,
  deviceCodeGrantType,
  lookUpDeviceLoginSchema,
  type PollDeviceAuthorizationInput,
  pollDeviceAuthorizationSchema,
  type StartDeviceAuthorizationInput,
  startDeviceAuthorizationSchema,
} from './device-login.schema';
export { type DeviceLoginView, lookUpDeviceLogin } from './look-up-device-login';
export {
  type DeviceAuthorizationPoll,
  pollDeviceAuthorization,
  slowDownStepSeconds,
} from './poll-device-authorization';
export {
  type DeviceLoginPerson,
  deviceLoginRefusalMessage,
  readDeviceLoginPerson,
} from './read-device-login-person';
export {
  deviceLoginDefaults,
  type StartedDeviceAuthorization,
  startDeviceAuthorization,
} from './start-device-authorization';

// @parapet/distribution: distribution as stored (docs/distribution.md). Signing keys and the
// key-set chain, enrollment tokens, devices and their authentication, bundles built once per
// (org, group set, generation), device status, and the Devices page's queries. Console
// functions take `{ db, actor, input }` and check the role inside; edge functions take
// `{ db, input }` (the device is authenticated by the caller or by the function itself).
// Forms, the admin API and the edge import the schemas from '@parapet/distribution/schemas'.

export { type BuiltBundle, buildBundle } from './bundles/build-bundle';
export { type EnsuredBundle, ensureBundle } from './bundles/ensure-bundle';
export { groupSetKeyOf, narrowGroups } from './bundles/group-set';
export {
  defaultBundleTtlSeconds,
  type Resigning,
  resignIfExpiring,
} from './bundles/resign-if-expiring';
export {
  accessTokenLifetimeSeconds,
  createDeviceAccessToken,
  type DeviceAccessToken,
  type DeviceAccessTokenCheck,
  verifyDeviceAccessToken,
} from './devices/device-access-token';
export type { DevicePublicKey } from './devices/device-fields';
export type { DeviceLastError, DeviceRow, DeviceState } from './devices/device-row';
export { type EnrolledDevice, enrollDevice } from './devices/enroll-device';
export {
  enrollPersonDevice,
  isDeviceKeyEnrolled,
  type PersonDeviceFacts,
} from './devices/enroll-person-device';
export {
  deviceRevoked,
  exchangeDeviceChallenge,
  personDeactivated,
} from './devices/exchange-device-challenge';
export { getDevice } from './devices/get-device';
export {
  challengeLifetimeSeconds,
  type DeviceChallenge,
  issueDeviceChallenge,
} from './devices/issue-device-challenge';
export { type DevicesPage, listDevices } from './devices/list-devices';
export {
  type DeviceFacts,
  loadDeviceFacts,
  loadManyDeviceFacts,
} from './devices/load-device-facts';
export { recordDeviceStatus } from './devices/record-device-status';
export { revokeDevice } from './devices/revoke-device';
export { touchDevicesLastSeen } from './devices/touch-devices-last-seen';
export {
  type CreatedEnrollmentToken,
  createEnrollmentToken,
} from './enrollment/create-enrollment-token';
export type {
  EnrollmentTokenRow,
  EnrollmentTokenState,
} from './enrollment/enrollment-token-row';
export { listEnrollmentTokens } from './enrollment/list-enrollment-tokens';
export { revokeEnrollmentToken } from './enrollment/revoke-enrollment-token';
export { ensureOrgSigningKeys } from './keys/ensure-org-signing-keys';
export {
  type KeySetRow,
  listSigningKeys,
  type SigningKeyRow,
  type SigningKeysView,
} from './keys/list-signing-keys';
export { loadKeySets } from './keys/load-key-sets';
export { retireSigningKey } from './keys/retire-signing-key';
export { rotateSigningKey } from './keys/rotate-signing-key';
export * from './schemas';

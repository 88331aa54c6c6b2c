// Client-safe entry point: the zod schemas the console's forms, the admin API and the edge
// validate with (the same ones the domain functions parse with). Nothing here touches the
// database or node: modules.

export {
  exchangeDeviceChallengeSchema,
  issueDeviceChallengeSchema,
} from './devices/device-challenge.schema';
export {
  deviceFactsSchema,
  deviceIdField,
  devicePublicKeySchema,
} from './devices/device-fields';
export { enrollDeviceSchema } from './devices/enroll-device.schema';
export {
  deviceIdSchema,
  deviceStates,
  listDevicesSchema,
  revokeDeviceSchema,
} from './devices/list-devices.schema';
export { recordDeviceStatusSchema } from './devices/record-device-status.schema';
export {
  createEnrollmentTokenSchema,
  defaultEnrollmentTokenLifetimeMs,
  maxEnrollmentTokenLifetimeMs,
} from './enrollment/create-enrollment-token.schema';
export { revokeEnrollmentTokenSchema } from './enrollment/revoke-enrollment-token.schema';
export { kidField, retireSigningKeySchema } from './keys/retire-signing-key.schema';

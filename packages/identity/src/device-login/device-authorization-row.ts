import type { DevicePublicKey } from '@parapet/distribution';
import { devicePublicKeySchema } from '@parapet/distribution/schemas';

/** A device authorization's state as stored (see the DeviceAuthorization model). */
export type DeviceAuthorizationState = 'pending' | 'approved' | 'denied' | 'consumed';

/** The key as stored: only what identifies it. */
export function storedDevicePublicKey(key: DevicePublicKey): {
  kty: 'OKP';
  crv: 'Ed25519';
  x: string;
} {
  return { kty: 'OKP', crv: 'Ed25519', x: key.x };
}

/** The stored key, read back through the same schema that admitted it. */
export function readStoredDevicePublicKey(stored: unknown): DevicePublicKey {
  return devicePublicKeySchema.parse(stored);
}

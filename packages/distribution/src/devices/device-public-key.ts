import { createPublicKey, verify } from 'node:crypto';
import { calculateKid } from '@parapet/bundle';
import type { DevicePublicKey } from './device-fields';

/** The stored form of a device key: only what identifies it (no `kid`, `alg`, `use`). */
export function storedDeviceKey(key: DevicePublicKey): { kty: 'OKP'; crv: 'Ed25519'; x: string } {
  return { kty: 'OKP', crv: 'Ed25519', x: key.x };
}

/** RFC 7638 thumbprint: one key, one device. */
export function deviceKeyThumbprint(key: { x: string }): Promise<string> {
  return calculateKid(key);
}

/** Whether `signature` (base64url) is the device key's Ed25519 signature of `message`'s UTF-8. */
export function verifyDeviceSignature({
  publicJwk,
  message,
  signature,
}: {
  publicJwk: unknown;
  message: string;
  signature: string;
}): boolean {
  const bytes = Buffer.from(signature, 'base64url');
  if (bytes.length !== 64) return false;
  try {
    const key = createPublicKey({
      key: { ...(publicJwk as { kty: string; crv: string; x: string }) },
      format: 'jwk',
    });
    return verify(null, Buffer.from(message, 'utf8'), key, bytes);
  } catch {
    return false;
  }
}

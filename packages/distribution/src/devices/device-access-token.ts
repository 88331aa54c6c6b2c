import { createHmac, timingSafeEqual } from 'node:crypto';
import { deriveKey } from '@parapet/db/secrets';

// A device access token: `pdt_<base64url payload>.<base64url HMAC-SHA-256>`, the payload the
// canonical JSON {"d":device,"e":expiry seconds,"o":org}, the MAC over everything before the dot
// (prefix included) under a key HKDF-derived from the master key. Nothing is stored: any edge
// replica with the master key checks it without the database.
export const accessTokenLifetimeSeconds = 15 * 60;
const keyInfo = 'parapet device-access-token v1';
const tokenPattern = /^(pdt_[A-Za-z0-9_-]{1,400})\.([A-Za-z0-9_-]{43})$/;
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export type DeviceAccessToken = { accessToken: string; expiresAt: Date };

export type DeviceAccessTokenCheck =
  | { ok: true; deviceId: string; orgId: string; expiresAt: Date }
  | { ok: false; code: 'TOKEN_INVALID' | 'TOKEN_EXPIRED'; message: string };

/** A fresh access token for a device, valid for 15 minutes from `now`. */
export function createDeviceAccessToken({
  deviceId,
  orgId,
  now = new Date(),
}: {
  deviceId: string;
  orgId: string;
  now?: Date;
}): DeviceAccessToken {
  const expiry = Math.floor(now.getTime() / 1000) + accessTokenLifetimeSeconds;
  const payload = JSON.stringify({ d: deviceId, e: expiry, o: orgId });
  const signed = `pdt_${Buffer.from(payload, 'utf8').toString('base64url')}`;
  return {
    accessToken: `${signed}.${mac(signed).toString('base64url')}`,
    expiresAt: new Date(expiry * 1000),
  };
}

/**
 * Checks an access token: its MAC first (so nothing about a forged token is read), then its
 * expiry. Pure: no database. Whether the device is still enrolled, not revoked, and its person
 * active is for the caller to ask (loadDeviceFacts).
 */
export function verifyDeviceAccessToken(
  token: string,
  now: Date = new Date(),
): DeviceAccessTokenCheck {
  const match = tokenPattern.exec(token);
  if (!match) return invalid();
  const [, signed = '', macText = ''] = match;
  const given = Buffer.from(macText, 'base64url');
  const expected = mac(signed);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return invalid();
  const claims = readClaims(signed.slice('pdt_'.length));
  if (!claims) return invalid();
  if (claims.e * 1000 <= now.getTime()) {
    return {
      ok: false,
      code: 'TOKEN_EXPIRED',
      message: 'The access token has expired: sign a new challenge.',
    };
  }
  return { ok: true, deviceId: claims.d, orgId: claims.o, expiresAt: new Date(claims.e * 1000) };
}

function readClaims(encoded: string): { d: string; e: number; o: string } | undefined {
  try {
    const parsed = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8')) as unknown;
    if (typeof parsed !== 'object' || parsed === null) return undefined;
    const { d, e, o } = parsed as Record<string, unknown>;
    if (typeof d !== 'string' || typeof o !== 'string' || !Number.isSafeInteger(e))
      return undefined;
    if (!uuidPattern.test(d) || !uuidPattern.test(o)) return undefined;
    return { d, e: e as number, o };
  } catch {
    return undefined;
  }
}

function invalid(): DeviceAccessTokenCheck {
  return {
    ok: false,
    code: 'TOKEN_INVALID',
    message: 'The access token is not valid: sign a new challenge.',
  };
}

function mac(signed: string): Buffer {
  const key = deriveKey({ info: keyInfo, purpose: 'device access tokens (they are keyed by it)' });
  return createHmac('sha256', key).update(signed, 'utf8').digest();
}

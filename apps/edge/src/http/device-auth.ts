import { verifyDeviceAccessToken } from '@parapet/distribution';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { DeviceEntry } from '../cache/device-cache';
import type { Edge } from '../edge';
import { sendError } from './errors';

export type VerifiedToken = { deviceId: string; expiresAtMs: number };

const verifiedTokensMax = 200_000;

/**
 * The device a bearer token names: its cached entry, a promise of it on a cache miss, or
 * undefined once a refusal (401/403) has been sent. Synchronous on the hot path.
 */
export function authenticateDevice(
  edge: Edge,
  request: FastifyRequest,
  reply: FastifyReply,
  now: number,
): DeviceEntry | Promise<DeviceEntry | undefined> | undefined {
  const deviceId = verifiedDeviceId(edge, request.headers.authorization, reply, now);
  if (deviceId === undefined) return undefined;
  const cached = edge.devices.get(deviceId);
  if (cached) {
    edge.metrics.cacheHits.add('device');
    return admit(edge, cached, reply, now);
  }
  edge.metrics.cacheMisses.add('device');
  return edge.devices.load(deviceId).then((loaded) => {
    if (loaded) return admit(edge, loaded, reply, now);
    // A valid token for a device that no longer exists: it was deleted, which is a revocation.
    sendError(reply, edge.metrics, 'DEVICE_REVOKED', 'This device is not enrolled any more.');
    return undefined;
  });
}

/** The same, awaited: for routes off the hot path. */
export async function requireDevice(
  edge: Edge,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<DeviceEntry | undefined> {
  return authenticateDevice(edge, request, reply, Date.now());
}

function admit(
  edge: Edge,
  device: DeviceEntry,
  reply: FastifyReply,
  now: number,
): DeviceEntry | undefined {
  if (device.refusal === 'DEVICE_REVOKED') {
    sendError(reply, edge.metrics, 'DEVICE_REVOKED', 'This device was revoked.');
    return undefined;
  }
  if (device.refusal === 'PERSON_DEACTIVATED') {
    sendError(
      reply,
      edge.metrics,
      'PERSON_DEACTIVATED',
      'The person this device belongs to was deactivated.',
    );
    return undefined;
  }
  device.lastUsedAt = now;
  edge.lastSeen.seen(device.device);
  return device;
}

function verifiedDeviceId(
  edge: Edge,
  authorization: string | undefined,
  reply: FastifyReply,
  now: number,
): string | undefined {
  if (authorization === undefined || !authorization.startsWith('Bearer ')) {
    sendError(
      reply,
      edge.metrics,
      'TOKEN_INVALID',
      'Send the access token: Authorization: Bearer pdt_….',
    );
    return undefined;
  }
  const checked = checkAccessToken(edge, authorization.slice(7), now);
  if ('refusal' in checked) {
    sendError(reply, edge.metrics, checked.refusal, checked.message);
    return undefined;
  }
  return checked.deviceId;
}

export type TokenCheck =
  | VerifiedToken
  | { refusal: 'TOKEN_INVALID' | 'TOKEN_EXPIRED'; message: string };

/**
 * The device an access token names, or why it is refused. Shared by the Fastify routes and the
 * in-memory poll path, so both keep and refuse tokens alike.
 */
export function checkAccessToken(edge: Edge, token: string, now: number): TokenCheck {
  // Tokens already verified, by their exact text. A device polls with the same token for its
  // 15 minutes, so the MAC (and the key derivation behind it) runs once per token instead of
  // once per poll; the expiry is still checked on every use. Only verified tokens are kept,
  // and the map is emptied when it outgrows its bound, so forgeries cost no memory.
  const verifiedTokens = edge.verifiedTokens;
  let verified = verifiedTokens.get(token);
  if (verified === undefined) {
    const check = verifyDeviceAccessToken(token, new Date(now));
    if (!check.ok) return { refusal: check.code, message: check.message };
    if (verifiedTokens.size >= verifiedTokensMax) verifiedTokens.clear();
    verified = { deviceId: check.deviceId, expiresAtMs: check.expiresAt.getTime() };
    verifiedTokens.set(token, verified);
  }
  if (verified.expiresAtMs <= now) {
    verifiedTokens.delete(token);
    return {
      refusal: 'TOKEN_EXPIRED',
      message: 'The access token has expired: sign a new challenge.',
    };
  }
  return verified;
}

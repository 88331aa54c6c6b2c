import { trustStateSchema } from '@parapet/bundle';
import { z } from 'zod';
import { AgentError } from '../agent-error';
import {
  assertPrivate,
  readStateJson,
  removeStateFile,
  statePath,
  writeStateJson,
} from './state-folder';

// What the agent keeps between runs, one concern per file so each is replaced atomically on its
// own. The trust state and the last good bundle share one file: they must change together, or
// a crash between two writes could leave a raised `highestVer` beside an older bundle.

const isoTime = z.iso.datetime();

export const deviceRecordSchema = z.strictObject({
  device: z.string().min(1),
  org: z.string().min(1),
  issuer: z.string().min(1),
  server: z.url(),
  enrolledAt: isoTime,
});
export type DeviceRecord = z.infer<typeof deviceRecordSchema>;

export const deviceKeySchema = z.strictObject({
  kty: z.literal('OKP'),
  crv: z.literal('Ed25519'),
  x: z.string().min(1),
  d: z.string().min(1),
});
export type DeviceKey = z.infer<typeof deviceKeySchema>;

export const storedBundleSchema = z.strictObject({
  /** The bundle exactly as the edge served it. */
  text: z.string().min(1),
  etag: z.string().min(1),
  acceptedAt: isoTime,
});
export type StoredBundle = z.infer<typeof storedBundleSchema>;

export const lastGoodSchema = z.strictObject({
  trust: trustStateSchema,
  bundle: storedBundleSchema.nullable(),
});
export type LastGood = z.infer<typeof lastGoodSchema>;

export const refusalRecordSchema = z.strictObject({
  reason: z.string(),
  message: z.string(),
  at: isoTime,
  etag: z.string().optional(),
});
export type RefusalRecord = z.infer<typeof refusalRecordSchema>;

export const errorRecordSchema = z.strictObject({
  code: z.string(),
  message: z.string(),
  at: isoTime,
});
export type ErrorRecord = z.infer<typeof errorRecordSchema>;

export const pullStatusSchema = z.strictObject({
  lastPullAt: isoTime.nullable(),
  lastRefusal: refusalRecordSchema.nullable(),
  lastError: errorRecordSchema.nullable(),
});
export type PullStatus = z.infer<typeof pullStatusSchema>;

export const accessTokenSchema = z.strictObject({
  accessToken: z.string().min(1),
  expiresAt: isoTime,
});
export type CachedAccessToken = z.infer<typeof accessTokenSchema>;

const EMPTY_STATUS: PullStatus = { lastPullAt: null, lastRefusal: null, lastError: null };

/** The enrolled device; a clear error when the folder holds no enrollment. */
export async function readDevice(stateDir: string): Promise<DeviceRecord> {
  const device = await readStateJson(stateDir, 'device', deviceRecordSchema);
  if (device === undefined) {
    throw new AgentError(
      'NOT_ENROLLED',
      `no enrollment in ${stateDir}; run parapet-agent enroll --server URL --token T first`,
    );
  }
  return device;
}

export async function readDeviceKey(stateDir: string): Promise<DeviceKey> {
  const key = await readStateJson(stateDir, 'deviceKey', deviceKeySchema);
  if (key === undefined) {
    throw new AgentError(
      'STATE_INVALID',
      `${statePath(stateDir, 'deviceKey')} is missing; re-enroll`,
    );
  }
  await assertPrivate(statePath(stateDir, 'deviceKey'));
  return key;
}

export async function readLastGood(stateDir: string): Promise<LastGood> {
  const lastGood = await readStateJson(stateDir, 'lastGood', lastGoodSchema);
  if (lastGood === undefined) {
    throw new AgentError(
      'STATE_INVALID',
      `${statePath(stateDir, 'lastGood')} is missing; re-enroll`,
    );
  }
  return lastGood;
}

export async function readPullStatus(stateDir: string): Promise<PullStatus> {
  return (await readStateJson(stateDir, 'status', pullStatusSchema)) ?? EMPTY_STATUS;
}

export async function updatePullStatus(
  stateDir: string,
  change: Partial<PullStatus>,
): Promise<PullStatus> {
  const next = { ...(await readPullStatus(stateDir)), ...change };
  await writeStateJson(stateDir, 'status', next);
  return next;
}

export async function readAccessToken(stateDir: string): Promise<CachedAccessToken | undefined> {
  // A damaged cache costs one challenge, not a failed pull.
  return readStateJson(stateDir, 'accessToken', accessTokenSchema).catch(() => undefined);
}

export const writeDevice = (stateDir: string, device: DeviceRecord) =>
  writeStateJson(stateDir, 'device', device);
export const writeDeviceKey = (stateDir: string, key: DeviceKey) =>
  writeStateJson(stateDir, 'deviceKey', key);
export const writeLastGood = (stateDir: string, lastGood: LastGood) =>
  writeStateJson(stateDir, 'lastGood', lastGood);
export const writeAccessToken = (stateDir: string, token: CachedAccessToken) =>
  writeStateJson(stateDir, 'accessToken', token);
export const forgetAccessToken = (stateDir: string) => removeStateFile(stateDir, 'accessToken');

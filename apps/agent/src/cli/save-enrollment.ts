import { type TrustState, trustFromEnrollment } from '@parapet/bundle';
import { AgentError } from '../agent-error';
import {
  type CachedAccessToken,
  type DeviceKey,
  writeAccessToken,
  writeDevice,
  writeDeviceKey,
  writeLastGood,
} from '../state/agent-state';
import { removeStateFile, writeStateJson } from '../state/state-folder';

/** What an edge answers when it has enrolled a device, by token (`enroll`) or by `login`. */
export type EnrollmentAnswer = { device: string; org: string; issuer: string; keySets: string[] };

/**
 * The org's key sets as the enrollment carried them, verified from the first one by chain
 * (trusted on first use). Refused: nothing may be saved, and the device the edge created should
 * be revoked, which the error tells the person.
 */
export async function verifyEnrollmentTrust(
  enrolled: EnrollmentAnswer,
  now: Date,
): Promise<TrustState> {
  const trusted = await trustFromEnrollment({
    org: enrolled.org,
    iss: enrolled.issuer,
    keySets: enrolled.keySets,
    now,
  });
  if (!trusted.ok) {
    throw new AgentError(
      'ENROLLMENT_REFUSED',
      `the server's key set does not verify (${trusted.refusal.reason}: ${trusted.refusal.message}); nothing was saved. Tell an admin: device ${enrolled.device} was created and should be revoked`,
    );
  }
  return trusted.trust;
}

/**
 * Writes an enrollment into the state folder and returns the device record. The old device
 * record goes first, so a crash halfway leaves a folder that says "not enrolled" rather than an
 * old device id beside a new key; the new one is written last, since its presence is what makes
 * the folder an enrollment.
 */
export async function writeEnrollment({
  stateDir,
  server,
  key,
  trust,
  enrolled,
  accessToken,
  now,
}: {
  stateDir: string;
  server: string;
  key: DeviceKey;
  trust: TrustState;
  enrolled: EnrollmentAnswer;
  accessToken: CachedAccessToken;
  now: Date;
}) {
  await removeStateFile(stateDir, 'device');
  await writeDeviceKey(stateDir, key);
  await writeLastGood(stateDir, { trust, bundle: null });
  await writeStateJson(stateDir, 'status', {
    lastPullAt: null,
    lastRefusal: null,
    lastError: null,
  });
  await writeAccessToken(stateDir, accessToken);
  const device = {
    device: enrolled.device,
    org: enrolled.org,
    issuer: enrolled.issuer,
    server,
    enrolledAt: now.toISOString(),
  };
  await writeDevice(stateDir, device);
  return device;
}

import { hostname, release } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { AgentError } from '../agent-error';
import {
  type DeviceAuthorization,
  type DeviceLoginEnrolled,
  pollDeviceLogin,
  startDeviceLogin,
} from '../edge-client/device-login-client';
import { signChallenge } from '../edge-client/device-session';
import { EdgeClient } from '../edge-client/edge-client';
import type { DeviceKey } from '../state/agent-state';
import { ensureStateFolder, withStateLock } from '../state/state-folder';
import { agentVersion } from '../version';
import { type CliIo, parseCommandArgs, printJson, stateOption } from './cli-io';
import { assertNotEnrolled, generateDeviceKey, parseServer } from './enroll-command';
import { verifyEnrollmentTrust, writeEnrollment } from './save-enrollment';

/** RFC 8628 §3.5: slow_down means five seconds more between polls, from then on. */
const SLOW_DOWN_STEP_S = 5;
const DEFAULT_INTERVAL_S = 5;

/**
 * `parapet-agent login`: enrolls this device as the person who approves it (RFC 8628 device
 * authorization grant). Prints the code and the page to approve it on, polls until the person
 * approves or denies or the code expires, then proves it holds its key (challenge and
 * signature) and keeps the same state as `enroll`.
 */
export async function runLoginCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs('login', args, {
    ...stateOption,
    server: { type: 'string' },
    force: { type: 'boolean', default: false },
    'allow-http': { type: 'boolean', default: false },
  });
  if (values.server === undefined) throw new AgentError('USAGE', 'login: --server URL is required');
  const server = parseServer(values.server, values['allow-http'], 'login');
  const stateDir = values.state ?? io.defaultStateDir;
  await assertNotEnrolled(stateDir, values.force);
  await ensureStateFolder(stateDir);

  const key = generateDeviceKey();
  const authorization = await startDeviceLogin(
    server,
    {
      publicKey: { kty: key.kty, crv: key.crv, x: key.x },
      device: { hostname: hostname(), os: `${process.platform} ${release()}`, agentVersion },
    },
    io.signal,
  );
  announce(io, authorization);
  let enrolled: DeviceLoginEnrolled;
  try {
    enrolled = await waitForApproval(server, authorization, io);
  } catch (error) {
    if (!io.signal.aborted) throw error;
    io.stderr('parapet-agent login: interrupted; nothing was saved.\n');
    return 130;
  }
  const device = await keepEnrollment({ server, stateDir, key, enrolled, io });
  printJson(io, { event: 'enrolled', ...device, stateDir });
  return 0;
}

function announce(io: CliIo, authorization: DeviceAuthorization): void {
  const minutes = Math.round(authorization.expires_in / 60);
  const complete = authorization.verification_uri_complete;
  io.stderr(
    `To enroll this device, open ${authorization.verification_uri}\nand enter the code ${authorization.user_code}` +
      (complete ? `\n(or open ${complete})` : '') +
      `\nWaiting for your approval; the code expires in ${minutes} minute${minutes === 1 ? '' : 's'}. Ctrl-C stops.\n`,
  );
  printJson(io, {
    event: 'code',
    userCode: authorization.user_code,
    verificationUri: authorization.verification_uri,
    ...(complete ? { verificationUriComplete: complete } : {}),
    expiresIn: authorization.expires_in,
  });
}

/** Polls at the edge's interval (raised on slow_down) until an answer ends the login. */
async function waitForApproval(
  server: string,
  authorization: DeviceAuthorization,
  io: CliIo,
): Promise<DeviceLoginEnrolled> {
  let intervalS = authorization.interval ?? DEFAULT_INTERVAL_S;
  const deadline = io.now().getTime() + authorization.expires_in * 1000;
  for (;;) {
    await sleep(intervalS * 1000, undefined, { signal: io.signal });
    if (io.now().getTime() >= deadline) throw expired();
    let answer: Awaited<ReturnType<typeof pollDeviceLogin>>;
    try {
      answer = await pollDeviceLogin(server, authorization.device_code, io.signal);
    } catch (error) {
      // An edge that is briefly unreachable or busy is asked again at the next interval.
      if (error instanceof AgentError && error.code === 'EDGE_UNREACHABLE') continue;
      throw error;
    }
    if (answer.kind === 'enrolled') return answer.enrolled;
    switch (answer.error) {
      case 'authorization_pending':
        continue;
      case 'slow_down':
        intervalS += SLOW_DOWN_STEP_S;
        continue;
      case 'access_denied':
        throw new AgentError('ENROLLMENT_REFUSED', `the login was denied: ${answer.description}`);
      case 'expired_token':
        throw expired();
      default:
        throw new AgentError(
          'ENROLLMENT_REFUSED',
          `the edge ended the login (${answer.error}): ${answer.description}`,
        );
    }
  }
}

function expired(): AgentError {
  return new AgentError(
    'ENROLLMENT_REFUSED',
    'the code expired before anyone approved it; run parapet-agent login again',
  );
}

/**
 * Verifies the org's key sets, proves possession of the key by a challenge, and writes the
 * same files as `enroll`, under the state folder's lock; the device record is written last.
 */
async function keepEnrollment({
  server,
  stateDir,
  key,
  enrolled,
  io,
}: {
  server: string;
  stateDir: string;
  key: DeviceKey;
  enrolled: DeviceLoginEnrolled;
  io: CliIo;
}) {
  const trust = await verifyEnrollmentTrust(enrolled, io.now());
  const client = new EdgeClient(server);
  const { challenge } = await client.challenge(enrolled.device);
  const token = await client.token({
    device: enrolled.device,
    challenge,
    signature: signChallenge(key, challenge),
  });
  const device = await withStateLock(stateDir, () =>
    writeEnrollment({ stateDir, server, key, trust, enrolled, accessToken: token, now: io.now() }),
  );
  return { ...device, keySetVersion: trust.keySet.version };
}

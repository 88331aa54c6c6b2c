import { generateKeyPairSync } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { hostname, release } from 'node:os';
import { AgentError } from '../agent-error';
import { EdgeClient } from '../edge-client/edge-client';
import type { DeviceKey } from '../state/agent-state';
import { ensureStateFolder, STATE_FILES } from '../state/state-folder';
import { agentVersion } from '../version';
import { type CliIo, parseCommandArgs, printJson, stateOption } from './cli-io';
import { verifyEnrollmentTrust, writeEnrollment } from './save-enrollment';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The enrollment answer is trusted on first use, so it must come over TLS: plain HTTP is for a
 * loopback edge (development, tests) or an explicit `--allow-http`.
 */
export function parseServer(text: string, allowHttp: boolean, command = 'enroll'): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new AgentError('USAGE', `${command}: --server ${JSON.stringify(text)} is not a URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new AgentError('USAGE', `${command}: --server must be an https:// URL`);
  }
  if (url.protocol === 'http:' && !allowHttp && !LOOPBACK_HOSTS.has(url.hostname)) {
    throw new AgentError(
      'USAGE',
      `${command}: --server uses plain http, which lets anyone on the path hand this device their own keys; use https, or pass --allow-http if the network is trusted`,
    );
  }
  if (url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '') {
    throw new AgentError(
      'USAGE',
      `${command}: --server takes an address without credentials, query or fragment`,
    );
  }
  return url.href.replace(/\/+$/, '');
}

export async function assertNotEnrolled(stateDir: string, force: boolean): Promise<void> {
  const present = await readdir(stateDir).catch(() => [] as string[]);
  const ours = new Set<string>(Object.values(STATE_FILES));
  if (!force && present.some((name) => ours.has(name))) {
    throw new AgentError(
      'ALREADY_ENROLLED',
      `${stateDir} already holds an enrollment; pass --force to replace it (the old device stays enrolled on the server until an admin revokes it)`,
    );
  }
}

export function generateDeviceKey(): DeviceKey {
  const { privateKey } = generateKeyPairSync('ed25519');
  const jwk = privateKey.export({ format: 'jwk' });
  if (jwk.x === undefined || jwk.d === undefined) {
    throw new Error('the runtime exported an Ed25519 key without x or d');
  }
  return { kty: 'OKP', crv: 'Ed25519', x: jwk.x, d: jwk.d };
}

export async function runEnrollCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs('enroll', args, {
    ...stateOption,
    server: { type: 'string' },
    token: { type: 'string' },
    force: { type: 'boolean', default: false },
    'allow-http': { type: 'boolean', default: false },
  });
  if (values.server === undefined || values.token === undefined) {
    throw new AgentError('USAGE', 'enroll: --server URL and --token T are required');
  }
  const server = parseServer(values.server, values['allow-http']);
  const stateDir = values.state ?? io.defaultStateDir;
  await assertNotEnrolled(stateDir, values.force);
  // Create the folder before spending a one-time token, so a folder that cannot be written
  // fails here and not after the server has enrolled a device whose key would be lost.
  await ensureStateFolder(stateDir);

  const key = generateDeviceKey();
  const enrolled = await new EdgeClient(server).enroll({
    token: values.token,
    publicKey: { kty: key.kty, crv: key.crv, x: key.x },
    device: { hostname: hostname(), os: `${process.platform} ${release()}`, agentVersion },
  });
  const trust = await verifyEnrollmentTrust(enrolled, io.now());
  const device = await writeEnrollment({
    stateDir,
    server,
    key,
    trust,
    enrolled,
    accessToken: { accessToken: enrolled.accessToken, expiresAt: enrolled.accessTokenExpiresAt },
    now: io.now(),
  });
  printJson(io, { ...device, keySetVersion: trust.keySet.version, stateDir });
  return 0;
}

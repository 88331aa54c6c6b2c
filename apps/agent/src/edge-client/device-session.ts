import { createPrivateKey, sign } from 'node:crypto';
import { AgentError } from '../agent-error';
import {
  type CachedAccessToken,
  type DeviceKey,
  forgetAccessToken,
  readAccessToken,
  writeAccessToken,
} from '../state/agent-state';
import { type EdgeClient, TOKEN_REFUSALS } from './edge-client';

/** A token this close to its expiry is renewed first, so a request never races it. */
const EXPIRY_MARGIN_MS = 30_000;

/** Signs a challenge with the device key: Ed25519 over the challenge's UTF-8 bytes, base64url. */
export function signChallenge(key: DeviceKey, challenge: string): string {
  const privateKey = createPrivateKey({ key: { ...key }, format: 'jwk' });
  return sign(null, Buffer.from(challenge, 'utf8'), privateKey).toString('base64url');
}

/**
 * The device's access token: reused from the state folder until it nears expiry, renewed by
 * challenge and signature, and renewed once more when the edge says it expired or is invalid
 * (a restarted edge with a new key, a clock that drifted).
 */
export class DeviceSession {
  private cached: CachedAccessToken | undefined;
  private loaded = false;

  constructor(
    private readonly options: {
      client: EdgeClient;
      stateDir: string;
      device: string;
      key: DeviceKey;
      now?: () => number;
    },
  ) {}

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }

  private async token(): Promise<string> {
    if (!this.loaded) {
      this.cached = await readAccessToken(this.options.stateDir);
      this.loaded = true;
    }
    const cached = this.cached;
    if (cached !== undefined && Date.parse(cached.expiresAt) - EXPIRY_MARGIN_MS > this.now()) {
      return cached.accessToken;
    }
    return this.renew();
  }

  private async renew(): Promise<string> {
    const { client, device, key, stateDir } = this.options;
    const { challenge } = await client.challenge(device);
    const issued = await client.token({
      device,
      challenge,
      signature: signChallenge(key, challenge),
    });
    this.cached = issued;
    await writeAccessToken(stateDir, issued);
    return issued.accessToken;
  }

  /** Runs `call` with a token, renewing it once if the edge refuses it as expired or invalid. */
  async withToken<T>(call: (accessToken: string) => Promise<T>): Promise<T> {
    try {
      return await call(await this.token());
    } catch (error) {
      if (!(error instanceof AgentError) || error.status !== 401) throw error;
      if (!TOKEN_REFUSALS.has(error.edgeCode ?? '')) throw error;
      this.cached = undefined;
      await forgetAccessToken(this.options.stateDir);
      return call(await this.renew());
    }
  }
}

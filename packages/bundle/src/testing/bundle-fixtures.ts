import type { BundleClaims } from '../bundle-claims';
import type { SigningKey } from '../generate-signing-key';

export const issuer = 'https://parapet.example';
export const now = new Date('2030-01-02T03:04:05Z');
export const nowSeconds = Math.floor(now.getTime() / 1000);

/** Claims that verify for `org` at `now`, with whatever a test overrides. */
export function bundleClaimsFor(org: string, overrides: Partial<BundleClaims> = {}): BundleClaims {
  return {
    iss: issuer,
    org,
    sub: 'ep_0123456789abcdef0123456789abcdef',
    ver: 7,
    iat: nowSeconds - 60,
    exp: nowSeconds - 60 + 86_400,
    policyVersion: 3,
    groups: ['engineering', 'everyone'],
    policy: {
      format: 'parapet.effective-policy/v1',
      rules: [{ layer: 'guardrails', id: 'no-ssh-keys', note: 'é → "quoted" \u2028' }],
    },
    ...overrides,
  };
}

export function signingKeysOf(...keys: SigningKey[]) {
  return keys.map(({ kid, privateJwk }) => ({ kid, privateJwk }));
}

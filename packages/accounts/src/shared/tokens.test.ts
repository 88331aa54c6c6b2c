import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSecretToken, hashSecretToken } from './tokens';

describe('secret tokens', () => {
  it('are 32 random bytes in base64url', () => {
    const token = createSecretToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(createSecretToken()).not.toBe(token);
  });

  it('are stored as their SHA-256 in hex', () => {
    const token = createSecretToken();
    expect(hashSecretToken(token)).toBe(createHash('sha256').update(token).digest('hex'));
    expect(hashSecretToken(token)).toMatch(/^[0-9a-f]{64}$/);
  });
});

import { createPublicKey } from 'node:crypto';
import { calculateJwkThumbprint } from 'jose';
import { describe, expect, it } from 'vitest';
import { generateSigningKey } from './generate-signing-key';
import { privateJwkSchema, publicJwkSchema } from './jwk';

describe('generateSigningKey', () => {
  it('makes an Ed25519 key named by its RFC 7638 thumbprint', async () => {
    const key = await generateSigningKey();
    expect(publicJwkSchema.parse(key.publicJwk)).toEqual(key.publicJwk);
    expect(privateJwkSchema.parse(key.privateJwk)).toEqual(key.privateJwk);
    expect(key.publicJwk).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA', use: 'sig' });
    expect(key.publicJwk).not.toHaveProperty('d');
    expect(key.publicJwk.kid).toBe(key.kid);
    expect(key.kid).toBe(
      await calculateJwkThumbprint({ kty: 'OKP', crv: 'Ed25519', x: key.publicJwk.x }),
    );
    // Node reads the same JWK as a 32-byte Ed25519 public key.
    const nodeKey = createPublicKey({ key: key.publicJwk, format: 'jwk' });
    expect(nodeKey.asymmetricKeyType).toBe('ed25519');
  });

  it('makes a different key every time', async () => {
    const [first, second] = await Promise.all([generateSigningKey(), generateSigningKey()]);
    expect(first.kid).not.toBe(second.kid);
    expect(first.privateJwk.d).not.toBe(second.privateJwk.d);
  });
});

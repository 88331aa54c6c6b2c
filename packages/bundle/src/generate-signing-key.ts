import { exportJWK, generateKeyPair } from 'jose';
import { calculateKid, type PrivateJwk, type PublicJwk } from './jwk';

export type SigningKey = { kid: string; publicJwk: PublicJwk; privateJwk: PrivateJwk };

/** A fresh Ed25519 key pair, named by its RFC 7638 thumbprint. */
export async function generateSigningKey(): Promise<SigningKey> {
  const { publicKey, privateKey } = await generateKeyPair('Ed25519', { extractable: true });
  const exportedPublic = await exportJWK(publicKey);
  const exportedPrivate = await exportJWK(privateKey);
  if (exportedPublic.x === undefined || exportedPrivate.d === undefined)
    throw new Error('The runtime exported an Ed25519 key without its x or d');
  const kid = await calculateKid({ x: exportedPublic.x });
  const publicJwk: PublicJwk = {
    kty: 'OKP',
    crv: 'Ed25519',
    x: exportedPublic.x,
    kid,
    alg: 'EdDSA',
    use: 'sig',
  };
  return { kid, publicJwk, privateJwk: { ...publicJwk, d: exportedPrivate.d } };
}

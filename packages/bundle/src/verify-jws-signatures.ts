import { flattenedVerify, importJWK } from 'jose';
import type { PublicJwk } from './jwk';
import type { GeneralJws, JwsSignature } from './read-general-jws';

/**
 * Which of `keys` signed the JWS. Every signature whose `kid` is among `keys` must verify (one
 * bad one is `invalid`: someone holds a document our key did not sign); signatures by other kids
 * are not looked at, so extra signatures during a rotation do no harm.
 */
export type SignatureCheck =
  | { status: 'verified'; kids: Set<string> }
  | { status: 'none' }
  | { status: 'invalid'; kid: string };

export async function checkJwsSignatures(
  jws: GeneralJws,
  keys: readonly PublicJwk[],
): Promise<SignatureCheck> {
  const kids = new Set<string>();
  for (const signature of jws.signatures) {
    const key = keys.find((candidate) => candidate.kid === signature.kid);
    if (key === undefined) continue;
    if (!(await verifySignature(jws.payload, signature, key)))
      return { status: 'invalid', kid: signature.kid };
    kids.add(signature.kid);
  }
  return kids.size === 0 ? { status: 'none' } : { status: 'verified', kids };
}

async function verifySignature(payload: string, signature: JwsSignature, key: PublicJwk) {
  try {
    const publicKey = await importJWK(key, 'EdDSA');
    await flattenedVerify(
      { payload, protected: signature.protected, signature: signature.signature },
      publicKey,
      { algorithms: ['EdDSA'] },
    );
    return true;
  } catch {
    return false;
  }
}

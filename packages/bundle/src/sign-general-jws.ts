import { flattenedVerify, GeneralSign, importJWK } from 'jose';
import { encodeBase64url } from './base64url';
import { BundleFormatError } from './bundle-format-error';
import { canonicalJson } from './canonical-json';
import { calculateKid, type PrivateJwk, privateJwkSchema } from './jwk';

export type SigningKeyInput = { kid: string; privateJwk: PrivateJwk };

export type JwsType = 'parapet-bundle+jws' | 'parapet-keyset+jws';

/**
 * Signs canonical claims with every key, as the general JSON serialization written in
 * canonical JSON, so the same claims and keys always produce the same document text.
 */
export async function signGeneralJws(options: {
  claims: unknown;
  typ: JwsType;
  keys: readonly SigningKeyInput[];
}): Promise<string> {
  const { claims, typ, keys } = options;
  if (keys.length === 0) throw new BundleFormatError('invalid_key', 'No signing key was given');
  if (new Set(keys.map((key) => key.kid)).size !== keys.length)
    throw new BundleFormatError('invalid_key', 'The same kid is given twice');
  const payload = new TextEncoder().encode(canonicalJson(claims));
  const signer = new GeneralSign(payload);
  const publicKeys = [];
  for (const key of keys) {
    const privateJwk = await readSigningKey(key);
    const header = { alg: 'EdDSA', kid: key.kid, typ };
    const privateKey = await importJWK(privateJwk, 'EdDSA').catch(() => {
      throw new BundleFormatError(
        'invalid_key',
        `Signing key ${key.kid} is not a usable Ed25519 key`,
      );
    });
    signer.addSignature(privateKey).setProtectedHeader(header);
    const { d: _private, ...publicJwk } = privateJwk;
    publicKeys.push({ header, publicJwk });
  }
  const jws = await signer.sign();

  // jose writes the header with JSON.stringify; check it wrote the canonical bytes the
  // contract promises, and that each stored private key matches its public half.
  if (jws.payload !== encodeBase64url(payload)) throw new Error('jose changed the payload bytes');
  const signatures = [];
  for (const [index, signature] of jws.signatures.entries()) {
    const expected = publicKeys[index];
    if (expected === undefined || signature.protected !== encodeProtected(expected.header))
      throw new Error('jose wrote a protected header that is not canonical');
    const verification = { payload: jws.payload, ...signature };
    await flattenedVerify(verification, await importJWK(expected.publicJwk, 'EdDSA')).catch(() => {
      throw new BundleFormatError(
        'invalid_key',
        `The private key ${expected.header.kid} does not match its public key`,
      );
    });
    signatures.push({ protected: signature.protected, signature: signature.signature });
  }
  return canonicalJson({ payload: jws.payload, signatures });
}

function encodeProtected(header: object): string {
  return encodeBase64url(canonicalJson(header));
}

async function readSigningKey(key: SigningKeyInput): Promise<PrivateJwk> {
  const parsed = privateJwkSchema.safeParse(key.privateJwk);
  if (!parsed.success)
    throw new BundleFormatError(
      'invalid_key',
      `Signing key ${key.kid} is not an Ed25519 private JWK`,
    );
  if (parsed.data.kid !== key.kid || (await calculateKid(parsed.data)) !== key.kid)
    throw new BundleFormatError(
      'invalid_key',
      `Signing key ${key.kid} is not named by its thumbprint`,
    );
  return parsed.data;
}

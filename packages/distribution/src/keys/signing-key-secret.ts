import type { PrivateJwk, PublicJwk, SigningKeyInput } from '@parapet/bundle';
import { openSecret, sealSecret } from '@parapet/db/secrets';

// A signing key's private half is its 32-byte Ed25519 seed (`d`), sealed under the master key
// for this purpose and org: a row copied into another org's table does not open there.
const purpose = 'signing-key';

export function sealSigningKey({ orgId, privateJwk }: { orgId: string; privateJwk: PrivateJwk }) {
  return sealSecret({ plaintext: Buffer.from(privateJwk.d, 'base64url'), purpose, orgId });
}

/** The key as @parapet/bundle signs with it, from a stored row. Throws SECRET_UNREADABLE. */
export function openSigningKey({
  orgId,
  kid,
  publicJwk,
  privateKeyEncrypted,
}: {
  orgId: string;
  kid: string;
  publicJwk: unknown;
  privateKeyEncrypted: Uint8Array;
}): SigningKeyInput {
  const seed = openSecret({ sealed: privateKeyEncrypted, purpose, orgId });
  return { kid, privateJwk: { ...(publicJwk as PublicJwk), d: seed.toString('base64url') } };
}

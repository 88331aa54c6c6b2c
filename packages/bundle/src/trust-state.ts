import { z } from 'zod';
import { publicJwkSchema } from './jwk';

/**
 * What an endpoint persists between runs (plain JSON): whom it trusts, with which keys, and the
 * highest bundle `ver` it ever accepted, which is what makes rollback refusable after a restart.
 */
export const trustStateSchema = z.strictObject({
  org: z.string().min(1),
  iss: z.string().min(1),
  keySet: z.strictObject({
    version: z.int().min(1),
    keys: z.array(publicJwkSchema).min(1),
  }),
  highestVer: z.int().min(0),
});
export type TrustState = z.infer<typeof trustStateSchema>;

/** Every reason a bundle or key set is refused; the table in docs/distribution.md says when. */
export type RefusalReason =
  | 'malformed'
  | 'duplicate_keys'
  | 'non_canonical'
  | 'unsigned'
  | 'alg_not_allowed'
  | 'unknown_kid'
  | 'signature_invalid'
  | 'wrong_org'
  | 'wrong_issuer'
  | 'rollback'
  | 'expired'
  | 'not_yet_valid'
  | 'keyset_chain_broken'
  | 'keyset_rollback';

export type Refusal = { reason: RefusalReason; message: string };

export type Refused = { ok: false; refusal: Refusal };

export function refuse(reason: RefusalReason, message: string): Refused {
  return { ok: false, refusal: { reason, message } };
}

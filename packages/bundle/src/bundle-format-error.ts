/**
 * Why a value or text was refused before any signature was involved:
 * - `malformed`: not JSON (or nested deeper than {@link maxJsonDepth}).
 * - `duplicate_keys`: an object repeats a member name (after unescaping).
 * - `not_json_value`: a value with no JSON form (undefined, a function, NaN, a BigInt…).
 * - `invalid_claims`: claims handed to a signer do not match their schema.
 * - `invalid_key`: a signing key is not an Ed25519 private JWK whose thumbprint is its `kid`.
 */
export type BundleFormatReason =
  | 'malformed'
  | 'duplicate_keys'
  | 'not_json_value'
  | 'invalid_claims'
  | 'invalid_key';

/** The one error this package throws on purpose; verification returns refusals instead. */
export class BundleFormatError extends Error {
  readonly reason: BundleFormatReason;

  constructor(reason: BundleFormatReason, message: string) {
    super(message);
    this.name = 'BundleFormatError';
    this.reason = reason;
  }
}

export function isBundleFormatError(error: unknown): error is BundleFormatError {
  return error instanceof BundleFormatError;
}

/**
 * Deeper documents are refused by both the parser and the canonicalizer, so hostile nesting
 * cannot exhaust the stack; real claims are a dozen levels deep.
 */
export const maxJsonDepth = 256;

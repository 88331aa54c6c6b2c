import { sign, verify } from 'node:crypto';
import { z } from 'zod';
import { activityCheckpointKey } from './activity-checkpoint-key';
import { canonicalJson } from './canonical-json';

export const ACTIVITY_CHECKPOINT_TYPE = 'parapet.activity-checkpoint';

/**
 * What a checkpoint states: in organization `org`, the activity log's entry `seq` had the chain
 * hash `hash` at `time`. Entry hashes are keyed and each covers the previous one, so this pins
 * down the whole log up to `seq`.
 */
export type ActivityCheckpointStatement = {
  type: typeof ACTIVITY_CHECKPOINT_TYPE;
  version: 1;
  org: string;
  /** 0 for a log that had no entry yet. */
  seq: number;
  /** Entry `seq`'s hash, hex (`GENESIS_HASH` for seq 0). */
  hash: string;
  /** ISO 8601, UTC. */
  time: string;
};

/**
 * A checkpoint as a file: the statement, and an Ed25519 signature over the UTF-8 bytes of the
 * statement's canonical JSON (keys sorted, no whitespace: what `jq -jcS .statement` prints).
 */
export type ActivityCheckpoint = {
  statement: ActivityCheckpointStatement;
  signature: { algorithm: 'Ed25519'; keyId: string; publicKey: string; value: string };
};

// `seq` is a PostgreSQL integer.
const maxSeq = 2_147_483_647;

/** The exact shape of a checkpoint file; anything more or less is not one. */
export const activityCheckpointSchema = z.strictObject({
  statement: z.strictObject({
    type: z.literal(ACTIVITY_CHECKPOINT_TYPE),
    version: z.literal(1),
    org: z.uuid(),
    seq: z.int().min(0).max(maxSeq),
    hash: z.string().regex(/^[0-9a-f]{64}$/),
    time: z.iso.datetime(),
  }),
  signature: z.strictObject({
    algorithm: z.literal('Ed25519'),
    keyId: z.string().regex(/^[0-9a-f]{16}$/),
    // Base64 of exactly 32 and 64 bytes: Buffer.from would quietly accept anything else.
    publicKey: z.string().regex(/^[A-Za-z0-9+/]{43}=$/),
    value: z.string().regex(/^[A-Za-z0-9+/]{86}==$/),
  }),
});

/** The bytes a checkpoint's signature covers. */
function signedBytes(statement: ActivityCheckpointStatement): Buffer {
  return Buffer.from(canonicalJson(statement), 'utf8');
}

/** Signs a checkpoint statement with the installation's checkpoint key. */
export function signActivityCheckpoint({
  orgId,
  seq,
  hash,
  time,
}: {
  orgId: string;
  seq: number;
  hash: string;
  time: Date;
}): ActivityCheckpoint {
  const key = activityCheckpointKey();
  const statement: ActivityCheckpointStatement = {
    type: ACTIVITY_CHECKPOINT_TYPE,
    version: 1,
    org: orgId,
    seq,
    hash,
    time: time.toISOString(),
  };
  return {
    statement,
    signature: {
      algorithm: 'Ed25519',
      keyId: key.keyId,
      publicKey: key.publicKey,
      value: sign(null, signedBytes(statement), key.privateKey).toString('base64'),
    },
  };
}

export type ActivityCheckpointReading =
  | { ok: true; statement: ActivityCheckpointStatement }
  /**
   * `malformed`: not a checkpoint file. `unknown_key`: signed (or claiming to be) by another key
   * than this installation's, which includes a checkpoint from before the master key changed.
   * `bad_signature`: this installation's key, but the statement is not what it signed.
   */
  | { ok: false; reason: 'malformed' | 'unknown_key' | 'bad_signature' };

/**
 * Reads a checkpoint file and checks its signature against this installation's own public key,
 * never against the key the file carries: anyone can sign with a key of their own.
 */
export function readActivityCheckpoint(document: unknown): ActivityCheckpointReading {
  const parsed = activityCheckpointSchema.safeParse(document);
  if (!parsed.success) return { ok: false, reason: 'malformed' };
  const { statement, signature } = parsed.data;
  const key = activityCheckpointKey();
  if (signature.publicKey !== key.publicKey || signature.keyId !== key.keyId) {
    return { ok: false, reason: 'unknown_key' };
  }
  const valid = verify(
    null,
    signedBytes(statement),
    key.publicKeyObject,
    Buffer.from(signature.value, 'base64'),
  );
  return valid ? { ok: true, statement } : { ok: false, reason: 'bad_signature' };
}

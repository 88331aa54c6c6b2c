// @parapet/db/activity: the append-only, hash-chained admin activity log, and the signed
// checkpoints that pin it down from outside the database.
export { activityChainKey } from './activity-chain-key';
export {
  ACTIVITY_CHECKPOINT_TYPE,
  type ActivityCheckpoint,
  type ActivityCheckpointReading,
  type ActivityCheckpointStatement,
  activityCheckpointSchema,
  readActivityCheckpoint,
  signActivityCheckpoint,
} from './activity-checkpoint';
export {
  type ActivityCheckpointPublicKey,
  activityCheckpointPublicKey,
} from './activity-checkpoint-key';
export type { ActivityDb } from './activity-db';
export { type AppendActivityInput, appendActivity } from './append-activity';
export { canonicalJson, type JsonValue } from './canonical-json';
export {
  type ActivityCheckpointLogVerdict,
  type ActivityCheckpointVerdict,
  checkActivityCheckpoint,
} from './check-activity-checkpoint';
export { GENESIS_HASH, hashActivityEntry } from './hash-activity-entry';
export { type ActivityCheckpointTaken, takeActivityCheckpoint } from './take-activity-checkpoint';
export {
  type ActivityChainBreak,
  type ActivityChainVerdict,
  verifyActivityChain,
} from './verify-activity-chain';

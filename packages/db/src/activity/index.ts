// @parapet/db/activity: the append-only, hash-chained admin activity log.
export { activityChainKey } from './activity-chain-key';
export type { ActivityDb } from './activity-db';
export { type AppendActivityInput, appendActivity } from './append-activity';
export { canonicalJson, type JsonValue } from './canonical-json';
export { GENESIS_HASH, hashActivityEntry } from './hash-activity-entry';
export {
  type ActivityChainBreak,
  type ActivityChainVerdict,
  verifyActivityChain,
} from './verify-activity-chain';

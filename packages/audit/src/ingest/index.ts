// @parapet/audit/ingest: what POST /v1/events does with a body, from the parsed entries to the
// committed rows (docs/audit.md, "Ingestion", "The chain on arrival", "Storage").

export { BinaryCopyWriter, binaryCopyInput, createBinaryCopyWriter } from './binary-copy';
export { type ChainChange, type ChainState, chainEvents } from './chain-events';
export { checkEvents, maxAheadMs, maxIdTimeSkewMs, oldestRetainedMs } from './check-events';
export {
  copyEventsInput,
  copyEventsStatement,
  type EncodedRows,
  encodeEventRows,
} from './copy-events';
export { describeInvalidEvent } from './describe-invalid-event';
export { defaultRetentionDays, ingestEvents } from './ingest-events';
export {
  type IngestDevice,
  type IngestResult,
  type RejectedEvent,
  type RejectReason,
  StorageUnavailableError,
  UnreadableEvent,
} from './ingest-types';
export { isStorableEvent } from './is-storable-event';
export { makeSampleEvents, uuidV7At } from './make-sample-events';
export { type PreparedRow, prepareRows } from './prepare-rows';
export type { RowLinks } from './row-links';

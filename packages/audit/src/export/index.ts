// @parapet/audit/export: how the worker moves stored events to destinations — claim a due
// destination under a lease, read the next batch after its cursors, deliver it, write the
// outcome (docs/audit.md, "Export").
export { type ClaimedDestination, claimDueDestination } from './claim-due-destination';
export {
  computeRetryDelay,
  MAX_RETRY_AFTER_MS,
  type RetryBackoff,
  rejectedBackoff,
  retryBackoff,
} from './compute-retry-delay';
export {
  type DeliverFunction,
  type ExportSettings,
  type ExportTurn,
  exportClaimedDestination,
} from './export-claimed-destination';
export {
  type ExportBatch,
  type ExportCursor,
  readExportBatch,
  readStreamEnds,
} from './read-export-batch';
export { recordDelivered, recordFailed, releaseLease } from './record-delivery-outcome';

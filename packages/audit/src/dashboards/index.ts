// @parapet/audit/dashboards: the compliance views over stored events — counts from the hourly
// and daily rollups (kept by advanceRollups) plus the raw events after their cursor, filtered
// event lists, single events, device chains and their verification, and streamed exports.

export { advanceRollups, pruneRollups, type RollupProgress } from './advance-rollups';
export { csvCell, csvRow } from './csv-cell';
export {
  type EventFilters,
  type EventFiltersInput,
  eventFilterFields,
  eventFilterParams,
  eventFiltersSchema,
  type ResolvedFilters,
  resolveEventFilters,
  type TimeRangePreset,
  timeRangePresets,
} from './event-filters.schema';
export {
  type EventExport,
  type ExportEventsInput,
  exportCsvColumns,
  exportEvents,
  exportEventsSchema,
} from './export-events';
export { type EventDetail, eventIdSchema, getEvent } from './get-event';
export {
  type ChainState,
  type DeviceChainRow,
  type DeviceChains,
  listDeviceChains,
  listDeviceChainsSchema,
} from './list-device-chains';
export {
  type EventListItem,
  type EventsPage,
  type ListEventsInput,
  listEvents,
  listEventsSchema,
} from './list-events';
export {
  type BreakdownRow,
  computeDashboard,
  type Dashboard,
  loadDashboard,
  type RankedResource,
  type TimelinePoint,
} from './load-dashboard';
export {
  type ChainProblem,
  type ChainProblemKind,
  type ChainVerification,
  verifyDeviceChain,
  verifyDeviceChainSchema,
} from './verify-device-chain';
export { withReadSnapshot } from './with-read-snapshot';

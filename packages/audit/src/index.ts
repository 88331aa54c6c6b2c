// @parapet/audit: the audit event as devices send it, its hash chain, what a destination
// receives, and how destinations are configured. The encoders sit beside these; storage,
// ingestion and delivery have entry points of their own (see package.json exports).

export {
  type DestinationConfig,
  type DestinationFormat,
  type DestinationInput,
  type DestinationType,
  datadogDestinationSchema,
  destinationInputSchema,
  destinationUrlSchema,
  elasticDestinationSchema,
  secretFieldsByType,
  splunkHecDestinationSchema,
  syslogDestinationSchema,
  webhookDestinationSchema,
} from './destinations/destination-schemas';
export {
  openDestinationConfig,
  type StoredDestinationSettings,
  splitDestinationSecrets,
} from './destinations/destination-secrets';
export {
  type AuditEvent,
  actionsBySurface,
  auditEventSchema,
  type DecisionValue,
  decisions,
  eventTimeSchema,
  GENESIS_PREV,
  type Mode,
  modes,
  type Surface,
  sha256HexSchema,
  surfaces,
  uuidV7Schema,
} from './event/audit-event-schema';
export type { AdminRecord, ChainStatus, DecisionRecord, ExportRecord } from './event/export-record';
export { hashAuditEvent } from './event/hash-audit-event';
export { resourceLabel } from './event/resource-label';
export { uuidV7Time } from './event/uuid-v7-time';

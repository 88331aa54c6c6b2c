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
// The SIEM encoders: pure functions from export records to what each destination receives.
export {
  type AdminChange,
  adminChange,
  type DecisionEffect,
  decisionEffect,
  recordSeverity,
  type SyslogSeverity,
} from './encode/classify-record';
export {
  type EncodeContext,
  type EncodedBatch,
  encodeBatch,
  type HttpRequestSpec,
} from './encode/encode-batch';
export { type CefContext, encodeCef } from './encode/encode-cef';
export {
  DATADOG_MAX_ENTRIES,
  DATADOG_MAX_ENTRY_BYTES,
  DATADOG_MAX_REQUEST_BYTES,
  encodeDatadog,
} from './encode/encode-datadog';
export { ECS_VERSION, type EcsDocument, encodeEcs } from './encode/encode-ecs';
export {
  ELASTIC_BULK_MAX_REQUEST_BYTES,
  elasticAuthorization,
  encodeElasticBulk,
} from './encode/encode-elastic-bulk';
export {
  encodeJsonRecord,
  type JsonAdminRecord,
  type JsonDecisionRecord,
  type JsonRecord,
} from './encode/encode-json-record';
export { encodeOcsf, OCSF_VERSION, type OcsfEvent } from './encode/encode-ocsf';
export { encodePayload } from './encode/encode-payload';
export {
  encodeSplunkHec,
  hecTime,
  SPLUNK_HEC_MAX_REQUEST_BYTES,
} from './encode/encode-splunk-hec';
export {
  encodeSyslog,
  SYSLOG_MAX_MESSAGE_BYTES,
  SYSLOG_SD_ID,
} from './encode/encode-syslog';
export { encodeWebhook } from './encode/encode-webhook';
export { encodeWithinLimit } from './encode/encode-within-limit';
export {
  escapeCefExtensionValue,
  escapeCefHeader,
  formatCefExtension,
} from './encode/escape-cef';
export {
  escapeSdParamValue,
  formatSyslogMessage,
  frameOctetCounted,
  type SyslogMessageParts,
} from './encode/format-syslog-message';
export { packBySize, utf8ByteLength } from './encode/pack-by-size';
export { signWebhookBody, verifyWebhookSignature } from './encode/sign-webhook-body';
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
export { canonicalAuditEvent, hashAuditEvent } from './event/hash-audit-event';
export { resourceLabel } from './event/resource-label';
export { uuidV7Time } from './event/uuid-v7-time';

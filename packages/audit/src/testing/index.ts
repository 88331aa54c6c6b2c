// @parapet/audit/testing: what tests of the audit pipeline share — stand-in receivers that
// check each protocol's exact wire format, a real rsyslog, and ways to store events and
// destinations without an edge or a console.
export { createTestDestination } from './create-test-destination';
export { insertTestEvents, makeTestEvents, testDeviceId } from './insert-test-events';
export { type DatadogReceiver, startDatadogReceiver } from './receivers/start-datadog-receiver';
export { type ElasticReceiver, startElasticReceiver } from './receivers/start-elastic-receiver';
export {
  type HttpReceiver,
  type ReceivedRequest,
  type ReceiverMode,
  recordIdOf,
  startHttpReceiver,
} from './receivers/start-http-receiver';
export {
  type RsyslogReceiver,
  type SyslogLine,
  startRsyslogReceiver,
} from './receivers/start-rsyslog-receiver';
export {
  type SplunkHecReceiver,
  splitConcatenatedJson,
  startSplunkHecReceiver,
} from './receivers/start-splunk-hec-receiver';
export { startWebhookReceiver, type WebhookReceiver } from './receivers/start-webhook-receiver';
export {
  type SeedDevice,
  type SeededAuditOrg,
  seedAuditOrg,
  seedEvents,
  seededRandom,
  uuidV7At,
} from './seed-events';

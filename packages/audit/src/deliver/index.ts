// @parapet/audit/deliver: sending encoded batches to receivers over HTTP(S) and syslog (TCP or
// TLS), behind the operator's network policy (docs/audit.md, "Export"; apps/worker/README.md).
export { checkAddress } from './check-address';
export { deliverBatch } from './deliver-batch';
export {
  DEFAULT_DELIVERY_TIMEOUT_MS,
  deliverEncodedBatch,
  type EncodedHttpRequest,
  type EncodedRequests,
  requestUrl,
} from './deliver-encoded-batch';
export { type DeliveryOutcome, describeDeliveryError, parseRetryAfter } from './delivery-outcome';
export {
  builtInDeniedNetworks,
  type DestinationNetworkPolicy,
  type NetworkRange,
  parseDestinationNetworkPolicy,
} from './destination-network-policy';
export { checkDestinationTarget } from './destination-target';

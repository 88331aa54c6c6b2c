// @parapet/audit/destinations: the organization's SIEM destinations as the console and the admin
// API manage them (create, list with state and lag, change, delete, send a test event).

export { buildTestRecord, testEventMarks } from './build-test-record';
export type { DestinationNetwork } from './check-target';
export { createDestination } from './create-destination';
export { deleteDestination } from './delete-destination';
export {
  type DestinationIdInput,
  destinationIdSchema,
  destinationTypes,
  formatsByType,
  settingFieldsByType,
  type UpdateDestinationInput,
  updateDestinationSchema,
} from './destination-fields.schema';
export { backlogCap, type DestinationView } from './destination-view';
export { getDestination, listDestinations } from './list-destinations';
export {
  sendTestEvent,
  type TestEventOutcome,
  testEventTimeoutMs,
} from './send-test-event';
export { updateDestination } from './update-destination';

import { randomUUID } from 'node:crypto';

/** A short id that ties a generic error shown to a user to the server log's full entry. */
export function newRequestId(): string {
  return randomUUID().slice(0, 8);
}

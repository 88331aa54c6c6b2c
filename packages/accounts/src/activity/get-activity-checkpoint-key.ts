import {
  type ActivityCheckpointPublicKey,
  activityCheckpointPublicKey,
} from '@parapet/db/activity';
import type { Actor } from '../shared/actor';
import { assertRole } from '../shared/assert-role';

export type { ActivityCheckpointPublicKey };

/**
 * The public key checkpoints are signed with, for an auditor to keep beside them and check them
 * with any Ed25519 tool, without asking this console.
 */
export function getActivityCheckpointKey({ actor }: { actor: Actor }): ActivityCheckpointPublicKey {
  assertRole(actor, 'auditor');
  return activityCheckpointPublicKey();
}

import type { Role } from '@parapet/db';
import { AppError } from '@parapet/errors';
import type { Actor } from './actor';
import { roleAtLeast, roleLabels } from './roles';

/**
 * Refuses an actor whose role is below `minimum`. The console checks this before calling a
 * domain function; the domain checks again, so no caller can skip it.
 */
export function assertRole(actor: Actor, minimum: Role): void {
  if (!roleAtLeast(actor.role, minimum)) {
    throw new AppError(
      'FORBIDDEN',
      `Your role (${roleLabels[actor.role]}) cannot do this; it needs ${roleLabels[minimum]} or above.`,
    );
  }
}

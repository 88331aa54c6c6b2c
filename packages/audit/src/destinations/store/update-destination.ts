import { assertRole, inOrgTransaction, type MemberContext, parseInput } from '@parapet/accounts';
import type { JsonValue } from '@parapet/db/activity';
import { AppError } from '@parapet/errors';
import {
  type DestinationConfig,
  destinationInputSchema,
  secretFieldsByType,
} from '../destination-schemas';
import { openDestinationConfig, splitDestinationSecrets } from '../destination-secrets';
import { assertTargetAllowed, type DestinationNetwork } from './check-target';
import { nameConflict } from './create-destination';
import { type UpdateDestinationInput, updateDestinationSchema } from './destination-fields.schema';
import { type DestinationView, destinationSelect, toDestinationView } from './destination-view';
import { destinationNotFound } from './list-destinations';
import { recordDestinationActivity } from './record-destination-activity';

/**
 * Changes the settings given and keeps the others; a secret left out or blank keeps the stored
 * one, null clears an optional setting. The whole configuration is validated again and its
 * target checked. The activity entry names the fields that changed, never a secret's value.
 * Admins and up.
 */
export async function updateDestination({
  db,
  actor,
  input,
  ip,
  now = new Date(),
  network,
}: MemberContext & {
  input: UpdateDestinationInput;
  network: DestinationNetwork;
}): Promise<DestinationView> {
  assertRole(actor, 'admin');
  const { id, ...patch } = parseInput(updateDestinationSchema, input);
  const update = inOrgTransaction({ db, orgId: actor.orgId }, async (tx) => {
    const stored = await tx.auditDestination.findFirst({
      where: { id },
      select: { ...destinationSelect, secretSealed: true },
    });
    if (!stored) throw destinationNotFound();
    if (patch.type !== undefined && patch.type !== stored.type) {
      const message = 'A destination keeps its type: delete it and add one of the new type.';
      throw new AppError('INVALID_INPUT', message, { fieldErrors: { type: [message] } });
    }
    const before = openDestinationConfig(stored);
    const config = parseInput(destinationInputSchema, mergePatch(before, patch));
    await assertTargetAllowed(config, network);
    const { settings, secretSealed, secretHint } = splitDestinationSecrets({
      orgId: actor.orgId,
      config,
    });
    const updated = await tx.auditDestination.update({
      where: { id },
      data: {
        name: config.name,
        format: config.format,
        enabled: config.enabled ?? true,
        settings: settings as object,
        secretSealed,
        secretHint,
        // A changed target is tried at once rather than after a backoff meant for the old one.
        nextAttemptAt: now,
      },
      select: destinationSelect,
    });
    await recordDestinationActivity(tx, {
      actor,
      action: 'destination.update',
      target: updated.name,
      details: {
        destinationId: id,
        changed: changedFields(before, config),
        settings: settings as Record<string, JsonValue>,
        enabled: updated.enabled,
      },
      ip,
    });
    return updated;
  });
  const updated = await update.catch((error: unknown) => {
    throw nameConflict(error, typeof patch.name === 'string' ? patch.name : '');
  });
  return toDestinationView(db, updated, now);
}

/** The stored configuration with the patch laid over it, by the rules of updateDestination. */
function mergePatch(
  before: DestinationConfig,
  patch: Record<string, unknown>,
): Record<string, unknown> {
  const secretFields: readonly string[] = secretFieldsByType[before.type];
  const merged: Record<string, unknown> = { ...before };
  for (const [field, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    if (secretFields.includes(field) && value === '') continue;
    if (value === null) delete merged[field];
    else merged[field] = value;
  }
  return merged;
}

/** The names of the fields whose value changed (secrets included, by name only). */
function changedFields(before: DestinationConfig, after: DestinationConfig): string[] {
  const fields = new Set([...Object.keys(before), ...Object.keys(after)]);
  const was = before as Record<string, unknown>;
  const is = after as Record<string, unknown>;
  return [...fields]
    .filter((field) => JSON.stringify(was[field]) !== JSON.stringify(is[field]))
    .sort();
}

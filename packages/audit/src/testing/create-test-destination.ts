import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { type DestinationInput, destinationInputSchema } from '../destinations/destination-schemas';
import { splitDestinationSecrets } from '../destinations/destination-secrets';

/**
 * Stores a destination row directly (secrets sealed as the console seals them), due now, with
 * its cursors at the start of both streams unless given: export tests need a destination
 * without going through the console.
 */
export async function createTestDestination({
  db,
  orgId,
  input,
  cursor = { eventsTx: '0', eventsSeq: '0', activitySeq: 0 },
}: {
  db: pg.Pool;
  orgId: string;
  input: DestinationInput;
  cursor?: { eventsTx: string; eventsSeq: string; activitySeq: number };
}): Promise<{ id: string }> {
  const config = destinationInputSchema.parse(input);
  const { settings, secretSealed, secretHint } = splitDestinationSecrets({ orgId, config });
  const id = randomUUID();
  await db.query(
    `INSERT INTO audit_destinations (id, org_id, name, type, format, settings, secret_sealed,
       secret_hint, enabled, events_cursor_tx, events_cursor_seq, activity_cursor_seq, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, now())`,
    [
      id,
      orgId,
      config.name,
      config.type,
      config.format,
      JSON.stringify(settings),
      secretSealed,
      secretHint,
      config.enabled ?? true,
      cursor.eventsTx,
      cursor.eventsSeq,
      cursor.activitySeq,
    ],
  );
  return { id };
}

import { createActivityCheckpoint, verifyActivityCheckpoint } from '@parapet/accounts';
import { verifyActivityCheckpointSchema } from '@parapet/accounts/schemas';
import { z } from 'zod';
import { memberAccess } from '@/server/entry-points/access';
import { defineRoute } from '@/server/entry-points/entry-points';

/**
 * `GET ?orgId=…`: a signed checkpoint of the newest activity entry, as a file to keep outside
 * Parapet. Read-only, so auditors may call it.
 */
export const GET = defineRoute({
  name: 'activity.checkpoint.download',
  method: 'GET',
  access: memberAccess('auditor'),
  input: z.strictObject({}),
  async run({ db, caller }) {
    return createActivityCheckpoint({ db, actor: caller.actor });
  },
  download: (checkpoint) =>
    `parapet-activity-checkpoint-${checkpoint.statement.org.slice(0, 8)}-${checkpoint.statement.seq}.json`,
});

/**
 * `POST { orgId, checkpoint }`: what a checkpoint downloaded earlier says about the log today
 * (`checkpoint` is the file's JSON object, or its text). Every answer to a well-formed request
 * is a verdict with status 200, including a bad signature.
 */
export const POST = defineRoute({
  name: 'activity.checkpoint.verify',
  method: 'POST',
  access: memberAccess('auditor'),
  input: verifyActivityCheckpointSchema,
  async run({ input, db, caller }) {
    return verifyActivityCheckpoint({ db, actor: caller.actor, input });
  },
});

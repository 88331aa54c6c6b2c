'use server';

import { verifyActivityCheckpoint } from '@parapet/accounts';
import { verifyActivityCheckpointSchema } from '@parapet/accounts/schemas';
import { memberAccess } from '@/server/entry-points/access';
import { defineAction } from '@/server/entry-points/entry-points';

export const verifyCheckpointAction = defineAction({
  name: 'activity.verifyCheckpoint',
  access: memberAccess('auditor'),
  input: verifyActivityCheckpointSchema,
  async run({ input, db, caller }) {
    const verification = await verifyActivityCheckpoint({ db, actor: caller.actor, input });
    return { data: { status: verification.status, message: verification.message } };
  },
});

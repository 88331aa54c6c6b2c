import { listActivity } from '@parapet/accounts';
import { listActivitySchema } from '@parapet/accounts/schemas';
import { memberAccess } from '@/server/entry-points/access';
import { defineRoute } from '@/server/entry-points/entry-points';

/**
 * The activity log as JSON (`?orgId=…&before=…&limit=…`), with the chain status, for
 * compliance exports and scripts. Read-only, so auditors may call it.
 */
export const GET = defineRoute({
  name: 'activity.list',
  method: 'GET',
  access: memberAccess('auditor'),
  input: listActivitySchema,
  async run({ input, db, caller }) {
    return listActivity({ db, actor: caller.actor, input });
  },
});

'use server';

import { changeMemberRole, createInvite, removeMember, revokeInvite } from '@parapet/accounts';
import {
  changeMemberRoleSchema,
  createInviteSchema,
  removeMemberSchema,
  revokeInviteSchema,
  roleLabels,
} from '@parapet/accounts/schemas';
import { memberAccess } from '@/server/entry-points/access';
import { defineAction } from '@/server/entry-points/entry-points';

export const createInviteAction = defineAction({
  name: 'members.createInvite',
  access: memberAccess('admin'),
  input: createInviteSchema,
  async run({ input, db, caller, request }) {
    const invite = await createInvite({ db, actor: caller.actor, input, ip: request.ip });
    return {
      data: {
        email: invite.email,
        role: invite.role,
        expiresAt: invite.expiresAt.toISOString(),
        // Shown once: only the token's hash is stored, so this link cannot be shown again.
        link: `${request.origin}/invite/${invite.token}`,
      },
      message: `Invite created for ${invite.email} as ${roleLabels[invite.role]}.`,
    };
  },
});

export const revokeInviteAction = defineAction({
  name: 'members.revokeInvite',
  access: memberAccess('admin'),
  input: revokeInviteSchema,
  async run({ input, db, caller, request }) {
    await revokeInvite({ db, actor: caller.actor, input, ip: request.ip });
    return { data: null, message: 'Invite revoked.' };
  },
});

export const changeMemberRoleAction = defineAction({
  name: 'members.changeMemberRole',
  access: memberAccess('admin'),
  input: changeMemberRoleSchema,
  async run({ input, db, caller, request }) {
    const { changed, role } = await changeMemberRole({
      db,
      actor: caller.actor,
      input,
      ip: request.ip,
    });
    return {
      data: null,
      message: changed ? `Role changed to ${roleLabels[role]}.` : 'The role is unchanged.',
    };
  },
});

export const removeMemberAction = defineAction({
  name: 'members.removeMember',
  access: memberAccess('admin'),
  input: removeMemberSchema,
  async run({ input, db, caller, request }) {
    const { email } = await removeMember({ db, actor: caller.actor, input, ip: request.ip });
    return { data: null, message: `${email} was removed.` };
  },
});

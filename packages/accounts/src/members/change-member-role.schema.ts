import { z } from 'zod';
import { idField, roleField } from '../shared/fields';

export const changeMemberRoleSchema = z.strictObject({
  membershipId: idField,
  role: roleField,
});

export type ChangeMemberRoleInput = z.input<typeof changeMemberRoleSchema>;

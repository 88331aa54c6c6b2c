import { roleLabels } from '@parapet/accounts/schemas';
import type { Role } from '@parapet/db';
import { classNames } from './class-names';

const tones: Record<Role, string> = {
  owner: 'bg-accent-50 text-accent-800 ring-accent-200',
  admin: 'bg-neutral-100 text-neutral-800 ring-neutral-300',
  auditor: 'bg-white text-neutral-600 ring-neutral-300',
};

export function RoleBadge({ role }: { role: Role }) {
  return (
    <span
      className={classNames(
        'inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset',
        tones[role],
      )}
    >
      {roleLabels[role]}
    </span>
  );
}

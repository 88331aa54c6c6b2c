'use client';

import type { Role } from '@parapet/db';
import Link from 'next/link';
import { switchOrganizationAction } from '@/app/(console)/organizations/actions';
import { SubmissionBoundary } from '../forms/submission-boundary';
import { useFormAction } from '../forms/use-form-action';
import { InlineError } from '../ui/inline-error';
import { RoleBadge } from '../ui/role-badge';

export type SwitcherOrganization = { orgId: string; organizationName: string; role: Role };

/**
 * The organization the console shows, under the product name. A person in several
 * organizations (or allowed to create one) opens it to see each with their role there; picking
 * one switches the console to it and opens its overview. A plain disclosure that opens in place
 * (the sidebar scrolls, so a floating menu would be clipped), usable with the keyboard.
 */
export function OrgSwitcher({
  currentOrgId,
  organizations,
  canCreate,
}: {
  currentOrgId: string;
  organizations: SwitcherOrganization[];
  canCreate: boolean;
}) {
  const current = organizations.find((organization) => organization.orgId === currentOrgId);
  const name = current?.organizationName ?? '';
  if (organizations.length < 2 && !canCreate) {
    return (
      <p className="truncate text-xs text-neutral-500" title={name}>
        {name}
      </p>
    );
  }
  return (
    <details className="group">
      <summary
        className="flex cursor-pointer list-none items-center gap-1 rounded text-xs text-neutral-500 hover:text-neutral-900 [&::-webkit-details-marker]:hidden"
        aria-label={`Organization: ${name}. Switch organization`}
      >
        <span className="truncate" title={name}>
          {name}
        </span>
        <span aria-hidden="true" className="transition-transform group-open:rotate-180">
          ▾
        </span>
      </summary>
      <div className="mt-2 rounded-lg border border-neutral-200 bg-white p-1 shadow-sm">
        <p className="px-2 pt-1 pb-1.5 text-xs font-medium text-neutral-500">Your organizations</p>
        <ul aria-label="Your organizations">
          {organizations.map((organization) => (
            <li key={organization.orgId}>
              <SubmissionBoundary>
                <SwitchForm
                  organization={organization}
                  current={organization.orgId === currentOrgId}
                />
              </SubmissionBoundary>
            </li>
          ))}
        </ul>
        {canCreate ? (
          <Link
            href="/organizations/new"
            className="mt-1 block rounded-md border-t border-neutral-100 px-2 py-2 text-sm font-medium text-accent-700 hover:bg-accent-50"
          >
            Create organization
          </Link>
        ) : null}
      </div>
    </details>
  );
}

function SwitchForm({
  organization,
  current,
}: {
  organization: SwitcherOrganization;
  current: boolean;
}) {
  const [state, formAction, pending] = useFormAction(switchOrganizationAction);
  return (
    <form action={formAction}>
      <input type="hidden" name="orgId" value={organization.orgId} />
      <button
        type="submit"
        disabled={pending}
        aria-current={current ? 'true' : undefined}
        className="flex w-full items-center justify-between gap-2 rounded-md px-2 py-2 text-left text-sm text-neutral-800 hover:bg-neutral-100 aria-[current=true]:bg-accent-50 aria-[current=true]:font-medium"
      >
        <span className="truncate">{organization.organizationName}</span>
        <RoleBadge role={organization.role} />
      </button>
      {state.status === 'error' ? (
        <InlineError className="px-2">{state.message}</InlineError>
      ) : null}
    </form>
  );
}

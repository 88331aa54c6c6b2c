'use client';

import { useFormAction } from '@/components/forms/use-form-action';
import { Alert } from '@/components/ui/alert';
import { SubmitButton } from '@/components/ui/button';
import type { FormAction } from '@/server/entry-points/action-result';

/**
 * The "require SSO" switch. Turning it on asks for a confirmation that says what it does:
 * password sign-in is refused for everyone but owners, whose password sign-ins (break-glass)
 * are flagged in the activity log.
 */
export function RequireSsoForm({
  orgId,
  requireSso,
  action,
}: {
  orgId: string;
  requireSso: boolean;
  action: FormAction<null>;
}) {
  const [state, formAction] = useFormAction(action);
  const errors = state.status === 'error' ? (state.fieldErrors ?? {}) : {};
  return (
    <form action={formAction} className="space-y-3">
      <input type="hidden" name="orgId" value={orgId} />
      <input type="hidden" name="requireSso" value={requireSso ? 'off' : 'on'} />
      <p className="text-sm text-neutral-700">
        Require SSO is <strong>{requireSso ? 'on' : 'off'}</strong>.
      </p>
      {requireSso ? null : (
        <label className="flex items-start gap-2 text-sm text-neutral-700">
          <input type="checkbox" name="understood" className="mt-1" />
          <span>
            I understand: members sign in only through SSO. Owners can still sign in with their
            password as a break-glass way in, and every such sign-in is flagged in the activity log.
          </span>
        </label>
      )}
      {errors.understood ? (
        <p className="text-xs font-medium text-red-700">{errors.understood.join(' ')}</p>
      ) : null}
      {errors.requireSso ? (
        <p className="text-xs font-medium text-red-700">{errors.requireSso.join(' ')}</p>
      ) : null}
      {state.status === 'success' && state.message ? (
        <Alert tone="success">{state.message}</Alert>
      ) : null}
      <SubmitButton variant={requireSso ? 'secondary' : 'primary'} pendingLabel="Saving…">
        {requireSso ? 'Stop requiring SSO' : 'Require SSO'}
      </SubmitButton>
    </form>
  );
}

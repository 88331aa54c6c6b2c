'use client';

import { decideDeviceLoginSchema } from '@parapet/identity/device-login/schemas';
import { useValidatedAction } from '@/components/forms/use-validated-action';
import { ValidatedForm } from '@/components/forms/validated-form';
import { withSubmissionBoundary } from '@/components/forms/with-submission-boundary';
import { SubmitButton } from '@/components/ui/button';
import { decideDeviceLoginAction } from './actions';

/** Approve or deny one device login: two forms, so each button sends its own decision. */
export const DecideDeviceLoginForm = withSubmissionBoundary(function DecideDeviceLoginForm({
  userCode,
}: {
  userCode: string;
}) {
  const approve = useValidatedAction(decideDeviceLoginAction, decideDeviceLoginSchema);
  const deny = useValidatedAction(decideDeviceLoginAction, decideDeviceLoginSchema);
  return (
    <div className="space-y-3">
      <ValidatedForm form={approve} errorClassName="mb-3">
        <input type="hidden" name="userCode" value={userCode} />
        <input type="hidden" name="decision" value="approve" />
        <SubmitButton className="w-full" pendingLabel="Approving…">
          Approve this device
        </SubmitButton>
      </ValidatedForm>
      <ValidatedForm form={deny} errorClassName="mb-3">
        <input type="hidden" name="userCode" value={userCode} />
        <input type="hidden" name="decision" value="deny" />
        <SubmitButton variant="secondary" className="w-full" pendingLabel="Denying…">
          Deny
        </SubmitButton>
      </ValidatedForm>
    </div>
  );
});

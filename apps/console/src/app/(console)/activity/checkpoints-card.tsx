import type { ActivityCheckpointPublicKey } from '@parapet/accounts';
import { CopyButton } from '@/components/forms/copy-button';
import { buttonClasses } from '@/components/ui/button-classes';
import { Card } from '@/components/ui/card';
import { VerifyCheckpointForm } from './verify-checkpoint-form';

/**
 * Download a signed checkpoint of the newest entry, verify one kept from before, and the public
 * key to check checkpoints with elsewhere. A broken log gets no download: the server would refuse
 * to vouch for it.
 */
export function CheckpointsCard({
  orgId,
  chainIntact,
  signingKey,
}: {
  orgId: string;
  chainIntact: boolean;
  signingKey: ActivityCheckpointPublicKey;
}) {
  return (
    <Card
      title="Checkpoints"
      description="A checkpoint is a signed statement of the newest entry and its hash. Keep it outside Parapet: verifying it later shows whether entries it covers were deleted or changed, even the newest ones, which the chain alone cannot show."
      actions={
        chainIntact ? (
          <a
            href={`/api/activity/checkpoint?orgId=${encodeURIComponent(orgId)}`}
            download
            className={buttonClasses('secondary')}
          >
            Download checkpoint
          </a>
        ) : (
          <p className="text-sm text-neutral-500">No checkpoint while the log is broken.</p>
        )
      }
      className="mt-6"
    >
      <VerifyCheckpointForm orgId={orgId} />
      <details className="mt-6 text-sm text-neutral-700">
        <summary className="cursor-pointer font-medium text-neutral-800">
          Signing key ({signingKey.algorithm}, key id{' '}
          <span className="font-mono">{signingKey.keyId}</span>)
        </summary>
        <p className="mt-2 text-neutral-500">
          Checkpoints are signed over the compact, key-sorted JSON of their statement (
          <code>jq -jcS .statement</code>). Keep this key with them to check them with any Ed25519
          tool, such as <code>openssl pkeyutl -verify -rawin</code>.
        </p>
        <pre className="mt-2 overflow-x-auto rounded-md bg-neutral-50 p-3 font-mono text-xs text-neutral-800">
          {signingKey.publicKeyPem}
        </pre>
        <div className="mt-2">
          <CopyButton value={signingKey.publicKeyPem} label="Copy public key" />
        </div>
      </details>
    </Card>
  );
}

import { listSigningKeys } from '@parapet/distribution';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { ReadOnlyNote } from '@/components/ui/read-only-note';
import { db } from '@/server/db';
import { requireMember } from '@/server/pages/current-member';
import { DevicesTabs } from '../devices-tabs';
import { RotateSigningKeyForm } from './signing-key-controls';
import { KeySetsTable, SigningKeysTable } from './signing-keys-table';

export const metadata = { title: 'Signing keys' };

export default async function SigningKeysPage() {
  const { actor } = await requireMember();
  const view = await listSigningKeys({ db: db(), actor });
  const canManage = actor.role === 'owner';
  const retiring = view.keys.find((key) => key.state === 'retiring');
  return (
    <>
      <PageHeader
        title="Signing keys"
        description="Every bundle is signed with each key of the organization’s current key set (Ed25519). Devices trust a new key only through a key set signed by a key they already trust, so a rotation takes two steps: rotate, then retire the previous key once devices have the new set."
      />
      <DevicesTabs />
      {canManage ? (
        <Card
          title="Rotate"
          description="A new key signs beside the current one until you retire the current one; devices trust it through a key set the current key signs."
          className="mb-6"
        >
          <RotateSigningKeyForm orgId={actor.orgId} retiringKid={retiring?.kid ?? null} />
        </Card>
      ) : (
        <ReadOnlyNote>
          You can see the keys and key sets, but rotating and retiring keys takes an owner.
        </ReadOnlyNote>
      )}
      <div className="space-y-6">
        <Card title={`Keys (${view.keys.length})`}>
          <SigningKeysTable orgId={actor.orgId} keys={view.keys} canManage={canManage} />
        </Card>
        <Card
          title="Key sets"
          description={`Version ${view.currentKeySetVersion} is current; each version is signed by a key of the one before it.`}
        >
          <KeySetsTable keySets={view.keySets} currentVersion={view.currentKeySetVersion} />
        </Card>
      </div>
    </>
  );
}

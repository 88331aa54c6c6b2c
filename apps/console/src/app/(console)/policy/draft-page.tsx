import { isAppError } from '@parapet/errors';
import { getPolicyDraft } from '@parapet/policy-admin';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { ReadOnlyNote } from '@/components/ui/read-only-note';
import { db } from '@/server/db';
import { requireMember } from '@/server/pages/current-member';
import { DraftEditor } from './draft-editor';
import { canEditLayer, layerLabel } from './policy-layers';

const layerDescriptions: Record<string, string> = {
  guardrails:
    'Rules every agent meets first. A guardrail’s deny cannot be overridden by the baseline or any group. Only owners change them.',
  baseline: 'Rules for every agent, after the guardrails and before the person’s groups.',
};

/** The editor page of one document: guardrails, baseline or a group's. */
export async function DraftPage({ layer }: { layer: string }) {
  const { actor } = await requireMember();
  const draft = await getPolicyDraft({ db: db(), actor, input: { layer } }).catch((error) => {
    if (isAppError(error) && error.code === 'NOT_FOUND') notFound();
    throw error;
  });
  const canEdit = canEditLayer(actor.role, layer);
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/policy" className="text-accent-700 hover:underline">
          ← Policy
        </Link>
      </p>
      <PageHeader
        title={layerLabel(layer)}
        description={
          layerDescriptions[layer] ??
          'Rules for the people in this group, after the guardrails and the baseline.'
        }
      />
      {canEdit ? null : (
        <ReadOnlyNote>
          {layer === 'guardrails' && actor.role === 'admin'
            ? 'Guardrails are read-only for you: only owners change them. You can read every rule and test.'
            : 'You can read this document, but changing it takes an admin or owner.'}
        </ReadOnlyNote>
      )}
      <Card
        title={draft.revision === 0 ? 'Draft (empty)' : `Draft, revision ${draft.revision}`}
        description={
          draft.updatedAt
            ? `Last saved ${draft.updatedAt.toISOString().slice(0, 19).replace('T', ' ')} UTC${draft.updatedBy ? ` by ${draft.updatedBy}` : ''}. Saved drafts take effect only when published.`
            : 'Never saved. Saved drafts take effect only when published.'
        }
      >
        <DraftEditor
          orgId={actor.orgId}
          layer={layer}
          source={draft.source}
          format={draft.format}
          revision={draft.revision}
          updatedBy={draft.updatedBy}
          updatedAt={draft.updatedAt?.toISOString() ?? null}
          issues={draft.issues}
          canEdit={canEdit}
        />
      </Card>
    </>
  );
}

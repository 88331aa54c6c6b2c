import { roleAtLeast } from '@parapet/accounts/schemas';
import {
  diffPolicyVersions,
  getPolicyDraft,
  listPolicyGroups,
  listPolicyVersions,
} from '@parapet/policy-admin';
import Link from 'next/link';
import { ActivityTime } from '@/components/activity/activity-time';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { ReadOnlyNote } from '@/components/ui/read-only-note';
import { db } from '@/server/db';
import { requireMember } from '@/server/pages/current-member';
import { CreateGroupForm } from './create-group-form';
import { type DocumentRow, PolicyDocumentsTable } from './policy-documents-table';
import { PublishPanel } from './publish-panel';

export const metadata = { title: 'Policy' };

export default async function PolicyPage() {
  const { actor } = await requireMember();
  const [groups, versions] = await Promise.all([
    listPolicyGroups({ db: db(), actor }),
    listPolicyVersions({ db: db(), actor }),
  ]);
  const layers = ['guardrails', 'baseline', ...groups.map((group) => `group:${group.name}`)];
  const drafts = await Promise.all(
    layers.map((layer) => getPolicyDraft({ db: db(), actor, input: { layer } })),
  );
  const latest = versions[0];
  // What publishing now would change: the documents whose draft differs from the version in force.
  const pending = latest
    ? await diffPolicyVersions({ db: db(), actor, input: { from: latest.version, to: 'draft' } })
    : null;
  const unpublished = new Set(
    pending?.layers.filter((layer) => layer.status !== 'unchanged').map((layer) => layer.layer) ??
      drafts.filter((draft) => draft.revision > 0).map((draft) => draft.layer),
  );
  const rows: DocumentRow[] = drafts.map((draft, index) => ({
    layer: draft.layer,
    description: groups[index - 2]?.description ?? describeFixedLayer(draft.layer),
    revision: draft.revision,
    updatedBy: draft.updatedBy,
    updatedAt: draft.updatedAt,
    problems: draft.issues.length,
    activeMembers: groups[index - 2]?.activeMembers ?? null,
    unpublished: unpublished.has(draft.layer),
  }));
  const canEdit = roleAtLeast(actor.role, 'admin');
  const problems = rows.reduce((total, row) => total + row.problems, 0);
  return (
    <>
      <PageHeader
        title="Policy"
        description="What your organization’s agents may reach: guardrails apply to everyone and cannot be loosened, the baseline applies to everyone, and each group adds rules for its people. Edit the drafts, then publish them as a new version."
      />
      {canEdit ? (
        actor.role === 'admin' ? (
          <ReadOnlyNote>Guardrails are read-only for you: only owners change them.</ReadOnlyNote>
        ) : null
      ) : (
        <ReadOnlyNote>
          You can read every document and version, but changing the policy takes an admin or owner.
        </ReadOnlyNote>
      )}
      <Card
        title="Published policy"
        description={
          latest ? (
            <>
              Version {latest.version}, published <ActivityTime value={latest.createdAt} /> by{' '}
              {latest.authorEmail ?? 'an API key'}: “{latest.message}”.{' '}
              {unpublished.size === 0 ? (
                'The drafts match it.'
              ) : (
                <Link
                  href={`/policy/versions?from=${latest.version}&to=draft`}
                  className="font-medium text-accent-700 hover:underline"
                >
                  Review the unpublished changes ({unpublished.size}{' '}
                  {unpublished.size === 1 ? 'document' : 'documents'})
                </Link>
              )}
            </>
          ) : (
            'Nothing is published yet: agents are governed only once a first version is published.'
          )
        }
        actions={
          <Link
            href="/policy/versions"
            className="text-sm font-medium text-accent-700 hover:underline"
          >
            Version history
          </Link>
        }
        className="mb-6"
      >
        {canEdit ? (
          <PublishPanel
            orgId={actor.orgId}
            draftProblems={problems}
            reviewed={rows.map((row) => `${row.layer}@${row.revision}`).join(' ')}
          />
        ) : (
          <p className="text-sm text-neutral-500">Admins and owners publish the drafts.</p>
        )}
      </Card>
      <Card
        title={`Documents (${rows.length})`}
        description="Each document is a draft until published. Drafts may be saved with problems; publishing checks the whole organization and runs every policy test."
        className="mb-6"
      >
        <PolicyDocumentsTable
          orgId={actor.orgId}
          rows={rows}
          role={actor.role}
          hasGroups={groups.length > 0}
        />
      </Card>
      {canEdit ? (
        <Card
          title="Create a group"
          description="A group’s rules apply to the people in it, on top of the baseline. Names are lowercase letters, digits and dashes."
        >
          <CreateGroupForm orgId={actor.orgId} />
        </Card>
      ) : null}
    </>
  );
}

function describeFixedLayer(layer: string): string {
  return layer === 'guardrails'
    ? 'Applies to everyone first; no group or baseline rule can override it.'
    : 'Applies to everyone after the guardrails, before their groups.';
}

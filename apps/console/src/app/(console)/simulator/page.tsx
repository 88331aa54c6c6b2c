import { isAppError } from '@parapet/errors';
import {
  getEffectivePolicy,
  listPeople,
  listPolicyGroups,
  listPolicyVersions,
} from '@parapet/policy-admin';
import { Alert } from '@/components/ui/alert';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { db } from '@/server/db';
import { requireMember } from '@/server/pages/current-member';
import { LayerLabel } from './decision-badge';
import { SimulatorWorkbench } from './simulator-workbench';
import { SubjectPicker } from './subject-picker';

export const metadata = { title: 'Simulator' };

export default async function SimulatorPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { actor } = await requireMember();
  const params = await searchParams;
  const [groupRows, versionRows, people] = await Promise.all([
    listPolicyGroups({ db: db(), actor }),
    listPolicyVersions({ db: db(), actor }),
    listPeople({ db: db(), actor, input: { limit: 200 } }),
  ]);
  const versions = versionRows.map((row) => row.version);
  const against = first(params.against) ?? (versions.length > 0 ? 'published' : 'draft');
  const person = first(params.person)?.trim() ?? '';
  const groups = person ? [] : all(params.group);
  const subject = person ? { person } : { groups };
  const effective = await getEffectivePolicy({
    db: db(),
    actor,
    input: { against, ...subject },
  }).catch((error: unknown) => {
    // A choice that cannot be read (nothing published, an unknown person or version) is shown
    // beside the picker, where it can be changed, rather than as an error page.
    if (isAppError(error)) return error;
    throw error;
  });
  return (
    <>
      <PageHeader
        title="Simulator"
        description="See the policy a person's agents get, and how it decides requests: against the drafts, the published version or any earlier version. Nothing here changes the policy."
      />
      <Card title="Whose policy" className="mb-6">
        <SubjectPicker
          against={against}
          person={person}
          groups={groups}
          allGroups={groupRows.map((group) => group.name)}
          peopleEmails={people.people.map((entry) => entry.email)}
          versions={versions}
        />
        {isAppError(effective) ? (
          <Alert tone="error" className="mt-4">
            {effective.message}
          </Alert>
        ) : (
          <p className="mt-4 text-sm text-neutral-600">
            Showing {effective.subject.person ? effective.subject.person.email : 'a set of groups'}{' '}
            against {effective.version === null ? 'the drafts' : `version ${effective.version}`}
            {effective.subject.person && !effective.subject.person.active
              ? ' (inactive: only guardrails and the baseline apply)'
              : ''}
            : layers{' '}
            {effective.effectivePolicy.layers.length === 0
              ? 'none yet'
              : effective.effectivePolicy.layers.map((entry) => (
                  <span key={entry.layer} className="mr-1">
                    <LayerLabel layer={entry.layer} />
                  </span>
                ))}
          </p>
        )}
      </Card>
      {isAppError(effective) ? null : (
        <SimulatorWorkbench
          // A new subject or policy starts a fresh workbench: old results would describe another policy.
          key={`${against}|${person}|${groups.join(',')}`}
          orgId={actor.orgId}
          against={against}
          subject={{ ...(person ? { person } : {}), groups }}
          effectivePolicy={effective.effectivePolicy}
          canCompare={versions.length > 0}
        />
      )}
    </>
  );
}

function first(value: string | string[] | undefined): string | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  return text === '' ? undefined : text;
}

function all(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).filter((name) => name !== '');
}

import { roleAtLeast } from '@parapet/accounts/schemas';
import { diffPolicyVersions, listPolicyVersions } from '@parapet/policy-admin';
import Link from 'next/link';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { ReadOnlyNote } from '@/components/ui/read-only-note';
import { db } from '@/server/db';
import { requireMember } from '@/server/pages/current-member';
import { CompareForm } from './compare-form';
import { VersionsDiff } from './versions-diff';
import { VersionsTable } from './versions-table';

export const metadata = { title: 'Policy versions' };

type Side = number | 'draft';

export default async function PolicyVersionsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { actor } = await requireMember();
  const versions = await listPolicyVersions({ db: db(), actor });
  const numbers = new Set(versions.map((row) => row.version));
  const query = await searchParams;
  const pick = (value: unknown): Side | null => {
    if (value === 'draft') return 'draft';
    const number = typeof value === 'string' && /^\d{1,10}$/.test(value) ? Number(value) : NaN;
    return numbers.has(number) ? number : null;
  };
  // By default: what the newest version changed, or what the drafts change when only one exists.
  const newest = versions[0]?.version;
  const previous = versions[1]?.version;
  const from = pick(query.from) ?? previous ?? newest ?? null;
  const to = pick(query.to) ?? (previous === undefined ? 'draft' : (newest ?? 'draft'));
  const diff =
    from === null ? null : await diffPolicyVersions({ db: db(), actor, input: { from, to } });
  const canRollBack = roleAtLeast(actor.role, 'admin');
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/policy" className="text-accent-700 hover:underline">
          ← Policy
        </Link>
      </p>
      <PageHeader
        title="Policy versions"
        description="Every published version is kept as it was. Compare any two (or the drafts) rule by rule, and roll back by publishing an older version’s content as a new version."
      />
      {canRollBack ? null : (
        <ReadOnlyNote>
          You can read and compare every version, but rolling back takes an admin or owner.
        </ReadOnlyNote>
      )}
      <Card title={`Versions (${versions.length})`} className="mb-6">
        {versions.length === 0 ? (
          <EmptyState title="Nothing published yet">
            Publish the drafts from the{' '}
            <Link href="/policy" className="text-accent-700 hover:underline">
              Policy page
            </Link>{' '}
            to create version 1.
          </EmptyState>
        ) : (
          <VersionsTable
            orgId={actor.orgId}
            versions={versions}
            canRollBack={canRollBack}
            compared={{ from, to }}
          />
        )}
      </Card>
      {diff && from !== null ? (
        <Card
          title={`Changes from ${sideLabel(from)} to ${sideLabel(to)}`}
          description="Rules are matched by id in each document and surface; tests by name."
          actions={
            <CompareForm
              from={from}
              to={to}
              options={[...versions.map((row) => row.version), 'draft']}
            />
          }
        >
          <VersionsDiff diff={diff} />
        </Card>
      ) : null}
    </>
  );
}

function sideLabel(side: Side): string {
  return side === 'draft' ? 'the drafts' : `version ${side}`;
}

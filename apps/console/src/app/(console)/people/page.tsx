import { roleAtLeast } from '@parapet/accounts/schemas';
import { listPeople, listPolicyGroups } from '@parapet/policy-admin';
import { listPeopleSchema } from '@parapet/policy-admin/schemas';
import { NextPageLink, singleParam } from '@/components/forms/filter-form';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { ReadOnlyNote } from '@/components/ui/read-only-note';
import { db } from '@/server/db';
import { requireMember } from '@/server/pages/current-member';
import { AddPersonForm } from './add-person-form';
import { ImportPeople } from './import-people';
import { PeopleFilters, type PeopleFilterValues } from './people-filters';
import { PeopleTable } from './people-table';

export const metadata = { title: 'People' };

export default async function PeoplePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { actor } = await requireMember();
  const params = await searchParams;
  const values: PeopleFilterValues = {
    search: singleParam(params.search),
    group: singleParam(params.group) || undefined,
    active: singleParam(params.active) || undefined,
  };
  // A malformed filter in the address shows the unfiltered list rather than an error page.
  const filters = listPeopleSchema.safeParse({ ...values, after: singleParam(params.after) });
  const [page, groupRows] = await Promise.all([
    listPeople({ db: db(), actor, input: filters.success ? filters.data : {} }),
    listPolicyGroups({ db: db(), actor }),
  ]);
  const groups = groupRows.map((group) => group.name);
  const canManage = roleAtLeast(actor.role, 'admin');
  const filtered = filters.success && Boolean(values.search || values.group || values.active);
  return (
    <>
      <PageHeader
        title="People"
        description="The people whose AI agents this organization's policy governs, and the policy groups each belongs to. They are not console members: they never sign in here. Add them by hand or import a CSV from your directory."
      />
      {canManage ? (
        <div className="mb-6 space-y-6">
          <Card
            title="Add a person"
            description="Their agents get guardrails, the baseline and the policy of every group checked here."
          >
            <AddPersonForm orgId={actor.orgId} groups={groups} />
          </Card>
          <Card
            title="Import from CSV"
            description="Preview shows what would change and every bad line; Apply imports all of it or nothing."
          >
            <ImportPeople orgId={actor.orgId} />
          </Card>
        </div>
      ) : (
        <ReadOnlyNote>
          You have read-only access as an auditor: you can see everyone in the directory and their
          groups, but adding, importing, editing and deactivating people take an admin or an owner.
        </ReadOnlyNote>
      )}
      <Card title={`People (${page.total})`}>
        <PeopleFilters groups={groups} values={values} />
        {page.people.length === 0 ? (
          <EmptyState title={filtered ? 'Nobody matches these filters' : 'No people yet'}>
            {filtered
              ? 'Try another search, or clear the filters.'
              : canManage
                ? 'Add someone above, or import your directory as a CSV.'
                : 'An admin can add people or import them from a CSV.'}
          </EmptyState>
        ) : (
          <PeopleTable
            orgId={actor.orgId}
            people={page.people}
            groups={groups}
            canManage={canManage}
          />
        )}
        {page.nextAfter ? (
          <NextPageLink
            action="/people"
            filters={values}
            cursorParam="after"
            cursor={page.nextAfter}
          />
        ) : null}
      </Card>
    </>
  );
}

import { getEvent } from '@parapet/audit/dashboards';
import { getPgPool } from '@parapet/db';
import { isAppError } from '@parapet/errors';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import type { ReactNode } from 'react';
import { AuditTabs } from '@/components/audit/audit-tabs';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { requireMember } from '@/server/pages/current-member';

export const metadata = { title: 'Audit event' };

const chainMeaning: Record<string, string> = {
  first: 'the first event of its device’s chain',
  ok: 'continues its device’s chain',
  gap: 'came after missing events (a gap)',
  break: 'does not name its predecessor’s hash (a break)',
  late: 'arrived after a later event of its device',
};

export default async function AuditEventPage({ params }: { params: Promise<{ id: string }> }) {
  const { actor } = await requireMember();
  const { id } = await params;
  const event = await getEvent({ pool: getPgPool(), actor, input: { id } }).catch((error) => {
    if (isAppError(error) && (error.code === 'NOT_FOUND' || error.code === 'INVALID_INPUT'))
      notFound();
    throw error;
  });
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/audit/events" className="text-accent-700 hover:underline">
          ← Events
        </Link>
      </p>
      <PageHeader
        title={`${event.decision} ${event.surface}/${event.action}`}
        description={event.resource}
      />
      <AuditTabs />
      <div className="grid gap-6 xl:grid-cols-2">
        <Card title="Event">
          <dl className="divide-y divide-neutral-100 text-sm" data-testid="audit-event-facts">
            <Fact label="Id">
              <code className="font-mono text-xs break-all">{event.id}</code>
            </Fact>
            <Fact label="Time">
              {event.time} (received {event.receivedAt})
            </Fact>
            <Fact label="Device">
              <Link href={`/devices/${event.deviceId}`} className="text-accent-700 hover:underline">
                {event.hostname ?? event.deviceId}
              </Link>
            </Fact>
            <Fact label="Person">
              {event.personEmail ? (
                <Link
                  href={`/audit?person=${event.personId}`}
                  className="text-accent-700 hover:underline"
                >
                  {event.personEmail}
                </Link>
              ) : (
                <span className="text-neutral-500">None</span>
              )}
            </Fact>
            <Fact label="Groups">{event.groups.join(', ') || '—'}</Fact>
            <Fact label="Decision">
              {event.decision} in {event.mode} mode
            </Fact>
            <Fact label="Resource">
              <span className="font-mono text-xs break-all">{event.resource}</span>
            </Fact>
            <Fact label="Rule">
              {event.ruleId ?? '(default)'} · {event.ruleLayer ?? '—'} · bundle {event.ver ?? '—'}
            </Fact>
          </dl>
        </Card>
        <Card title="Chain">
          <dl className="divide-y divide-neutral-100 text-sm" data-testid="audit-event-chain">
            <Fact label="Seq">{event.seq}</Fact>
            <Fact label="On arrival">
              <span className="font-medium">{event.chain}</span>: {chainMeaning[event.chain]}
            </Fact>
            <Fact label="Hash">
              <code className="font-mono text-xs break-all">{event.hash}</code>
            </Fact>
            <Fact label="Body hashes to it">
              {event.hashMatches ? (
                <span className="text-green-700">Yes</span>
              ) : (
                <span className="font-medium text-red-700">No: the stored body was changed</span>
              )}
            </Fact>
            <Fact label="Prev">
              <code className="font-mono text-xs break-all">{event.prev}</code>
            </Fact>
            <Fact label="Next event links to it">
              {event.nextLinks === null
                ? 'No next event stored yet'
                : event.nextLinks
                  ? 'Yes'
                  : 'No (a break)'}
            </Fact>
          </dl>
        </Card>
      </div>
      <Card title="Body, as the device sent it" className="mt-6">
        <pre className="overflow-x-auto text-xs" data-testid="audit-event-body">
          {JSON.stringify(event.body, null, 2)}
        </pre>
      </Card>
    </>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid gap-1 py-2.5 sm:grid-cols-[10rem_1fr]">
      <dt className="text-neutral-500">{label}</dt>
      <dd className="text-neutral-900">{children}</dd>
    </div>
  );
}

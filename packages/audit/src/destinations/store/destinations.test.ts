import { expectAppError, seedOrg, setupTestDatabase } from '@parapet/accounts/testing';
import type { PrismaClient } from '@parapet/db';
import { describe, expect, it } from 'vitest';
import { parseDestinationNetworkPolicy } from '../../deliver/destination-network-policy';
import { buildTestRecord } from './build-test-record';
import { createDestination } from './create-destination';
import { deleteDestination } from './delete-destination';
import { getDestination, listDestinations } from './list-destinations';
import { updateDestination } from './update-destination';

const db = setupTestDatabase();
const network = parseDestinationNetworkPolicy({});
const secret = 'whsec-0123456789abcdef-WXYZ';

function webhook(name = 'SOC webhook', url = 'https://203.0.113.10/hook') {
  return { type: 'webhook' as const, name, url, secret };
}

async function activityText(prisma: PrismaClient, orgId: string): Promise<string> {
  return JSON.stringify(await prisma.activityLogEntry.findMany({ where: { orgId } }));
}

/** Stores `count` events for the org as ingestion would, received `ageSeconds` ago. */
async function storeEvents(prisma: PrismaClient, orgId: string, count: number, ageSeconds = 0) {
  for (let index = 0; index < count; index += 1) {
    const { event, hash } = buildTestRecord({ orgId, now: new Date() });
    await prisma.$executeRaw`
      INSERT INTO audit.events (id, org_id, device_id, time, received_at, surface, action, decision,
        mode, resource, seq, hash, chain, body)
      VALUES (${event.id}::uuid, ${orgId}::uuid, ${event.device}::uuid, now(),
        now() - make_interval(secs => ${ageSeconds}), 'network', 'connect', 'allow', 'audit',
        'parapet-test.invalid:443', ${index + 1}, ${hash}, 'ok', ${JSON.stringify(event)}::jsonb)`;
  }
}

describe('createDestination', () => {
  it('stores the settings apart from the sealed secret and answers without it', async () => {
    const org = await seedOrg({ prisma: db() });
    const created = await createDestination({
      db: db(),
      actor: org.admin.actor,
      input: webhook(),
      network,
    });
    expect(created).toMatchObject({
      name: 'SOC webhook',
      type: 'webhook',
      format: 'json',
      enabled: true,
      settings: { url: 'https://203.0.113.10/hook' },
      hasSecret: true,
      secretHint: 'WXYZ',
      state: 'ok',
      lastError: null,
      exportedEvents: 0,
      lagSeconds: 0,
      backlog: 0,
      backlogCapped: false,
    });
    expect(JSON.stringify(created)).not.toContain(secret);
    const row = await db().auditDestination.findUniqueOrThrow({ where: { id: created.id } });
    expect(Buffer.from(row.secretSealed).toString('latin1')).not.toContain(secret);
    expect(JSON.stringify(row.settings)).not.toContain(secret);
    const log = await activityText(db(), org.orgId);
    expect(log).toContain('destination.create');
    expect(log).not.toContain(secret);
  });

  it('starts at the end of both streams, so history is not replayed', async () => {
    const org = await seedOrg({ prisma: db() });
    await storeEvents(db(), org.orgId, 3);
    const created = await createDestination({
      db: db(),
      actor: org.admin.actor,
      input: webhook(),
      network,
    });
    expect(created).toMatchObject({ backlog: 0, lagSeconds: 0 });
    const orgRow = await db().organization.findUniqueOrThrow({ where: { id: org.orgId } });
    const row = await db().auditDestination.findUniqueOrThrow({ where: { id: created.id } });
    // The create entry itself is the one activity entry after the cursor.
    expect(row.activityCursorSeq).toBe(orgRow.lastActivitySeq - 1);
    await storeEvents(db(), org.orgId, 2, 90);
    const listed = await getDestination({
      db: db(),
      actor: org.auditor.actor,
      input: { id: created.id },
    });
    expect(listed.backlog).toBe(2);
    expect(listed.lagSeconds).toBeGreaterThanOrEqual(90);
  });

  it('refuses a second destination of the same name in the org, not in another org', async () => {
    const org = await seedOrg({ prisma: db() });
    const other = await seedOrg({ prisma: db() });
    await createDestination({ db: db(), actor: org.admin.actor, input: webhook(), network });
    const error = await expectAppError(
      createDestination({ db: db(), actor: org.owner.actor, input: webhook(), network }),
      'CONFLICT',
    );
    expect(error.fieldErrors?.name).toBeDefined();
    await createDestination({ db: db(), actor: other.admin.actor, input: webhook(), network });
  });

  it('refuses invalid settings by field, a short secret and auditors', async () => {
    const org = await seedOrg({ prisma: db() });
    const invalid = await expectAppError(
      createDestination({
        db: db(),
        actor: org.admin.actor,
        input: { ...webhook(), secret: 'short', format: 'cef' } as never,
        network,
      }),
      'INVALID_INPUT',
    );
    expect(Object.keys(invalid.fieldErrors ?? {}).sort()).toEqual(['format', 'secret']);
    await expectAppError(
      createDestination({ db: db(), actor: org.auditor.actor, input: webhook(), network }),
      'FORBIDDEN',
    );
    expect(await db().auditDestination.count()).toBe(0);
  });
});

describe('the target check', () => {
  it.each([
    ['a link-local (metadata) address', 'https://169.254.169.254/latest', 'webhook', 'url'],
    ['plain http beyond loopback', 'http://203.0.113.10/hook', 'webhook', 'url'],
    ['plain TCP syslog beyond loopback', '203.0.113.10', 'syslog', 'host'],
  ])('refuses %s on the field that names it', async (_what, target, type, field) => {
    const org = await seedOrg({ prisma: db() });
    const input =
      type === 'syslog'
        ? { type: 'syslog' as const, name: 'Syslog', host: target, transport: 'tcp' as const }
        : webhook('Hook', target);
    const error = await expectAppError(
      createDestination({ db: db(), actor: org.admin.actor, input, network }),
      'INVALID_INPUT',
    );
    expect(Object.keys(error.fieldErrors ?? {})).toEqual([field]);
    expect(await db().auditDestination.count()).toBe(0);
  });

  it('takes plain http to loopback, and plain http anywhere when the operator allows it', async () => {
    const org = await seedOrg({ prisma: db() });
    const local = webhook('Local', 'http://127.0.0.1:9/hook');
    await createDestination({ db: db(), actor: org.admin.actor, input: local, network });
    const created = await createDestination({
      db: db(),
      actor: org.admin.actor,
      input: webhook('Insecure'),
      network,
    });
    const plain = { id: created.id, url: 'http://203.0.113.10/hook' };
    await expectAppError(
      updateDestination({ db: db(), actor: org.admin.actor, input: plain, network }),
      'INVALID_INPUT',
    );
    const allowInsecure = parseDestinationNetworkPolicy({ PARAPET_EXPORT_ALLOW_INSECURE: 'true' });
    const updated = await updateDestination({
      db: db(),
      actor: org.admin.actor,
      input: plain,
      network: allowInsecure,
    });
    expect(updated.settings).toMatchObject({ url: 'http://203.0.113.10/hook' });
  });
});

describe('listDestinations and getDestination', () => {
  it('lists the org’s own destinations by name and hides other orgs’ ones', async () => {
    const org = await seedOrg({ prisma: db() });
    const other = await seedOrg({ prisma: db() });
    const theirs = await createDestination({
      db: db(),
      actor: other.admin.actor,
      input: webhook('Theirs'),
      network,
    });
    await createDestination({ db: db(), actor: org.admin.actor, input: webhook('Zulu'), network });
    await createDestination({
      db: db(),
      actor: org.admin.actor,
      input: {
        type: 'splunk-hec',
        name: 'Alpha',
        url: 'https://203.0.113.12:8088',
        token: 'hec-token-1',
      },
      network,
    });
    const listed = await listDestinations({ db: db(), actor: org.auditor.actor });
    expect(listed.map((destination) => destination.name)).toEqual(['Alpha', 'Zulu']);
    expect(listed[0]).toMatchObject({ hasSecret: true, secretHint: null });
    expect(JSON.stringify(listed)).not.toContain('hec-token-1');
    await expectAppError(
      getDestination({ db: db(), actor: org.owner.actor, input: { id: theirs.id } }),
      'NOT_FOUND',
    );
  });

  it('shows the worker’s state, last error and exported count beside the backlog', async () => {
    const org = await seedOrg({ prisma: db() });
    const created = await createDestination({
      db: db(),
      actor: org.admin.actor,
      input: webhook(),
      network,
    });
    await storeEvents(db(), org.orgId, 1, 5);
    await db().auditDestination.update({
      where: { id: created.id },
      data: { state: 'failing', lastError: 'HTTP 503', exportedEvents: 41n },
    });
    const shown = await getDestination({
      db: db(),
      actor: org.admin.actor,
      input: { id: created.id },
    });
    expect(shown).toMatchObject({
      state: 'failing',
      lastError: 'HTTP 503',
      exportedEvents: 41,
      backlog: 1,
    });
  });
});

describe('updateDestination', () => {
  it('changes the fields given, keeps a secret left out or blank, and records the changed names', async () => {
    const org = await seedOrg({ prisma: db() });
    const created = await createDestination({
      db: db(),
      actor: org.admin.actor,
      input: webhook(),
      network,
    });
    const updated = await updateDestination({
      db: db(),
      actor: org.admin.actor,
      input: { id: created.id, url: 'https://203.0.113.11/hook', secret: '', enabled: false },
      network,
    });
    expect(updated).toMatchObject({
      settings: { url: 'https://203.0.113.11/hook' },
      enabled: false,
      secretHint: 'WXYZ',
    });
    const newSecret = 'a-brand-new-secret-0000-ABCD';
    const rotated = await updateDestination({
      db: db(),
      actor: org.owner.actor,
      input: { id: created.id, secret: newSecret, format: 'ocsf' },
      network,
    });
    expect(rotated).toMatchObject({ secretHint: 'ABCD', format: 'ocsf', enabled: false });
    const log = await activityText(db(), org.orgId);
    expect(log).toContain('destination.update');
    expect(log).toContain('"changed":["enabled","url"]');
    expect(log).toContain('"changed":["format","secret"]');
    expect(log).not.toContain(secret);
    expect(log).not.toContain(newSecret);
  });

  it('refuses a change of type, an invalid value, another org’s destination and a taken name', async () => {
    const org = await seedOrg({ prisma: db() });
    const other = await seedOrg({ prisma: db() });
    const created = await createDestination({
      db: db(),
      actor: org.admin.actor,
      input: webhook(),
      network,
    });
    await createDestination({ db: db(), actor: org.admin.actor, input: webhook('Taken'), network });
    const update = (input: Record<string, unknown>, actor = org.admin.actor) =>
      updateDestination({ db: db(), actor, input: { id: created.id, ...input }, network });
    const typeError = await expectAppError(update({ type: 'syslog' }), 'INVALID_INPUT');
    expect(typeError.fieldErrors?.type).toBeDefined();
    const urlError = await expectAppError(update({ url: 'ftp://x' }), 'INVALID_INPUT');
    expect(urlError.fieldErrors?.url).toBeDefined();
    await expectAppError(update({ nonsense: 1 }), 'INVALID_INPUT');
    await expectAppError(update({ name: 'Taken' }), 'CONFLICT');
    await expectAppError(update({ name: 'Mine now' }, other.admin.actor), 'NOT_FOUND');
    await expectAppError(update({ name: 'Mine now' }, org.auditor.actor), 'FORBIDDEN');
    const unchanged = await getDestination({
      db: db(),
      actor: org.admin.actor,
      input: { id: created.id },
    });
    expect(unchanged).toMatchObject({ name: 'SOC webhook', settings: created.settings });
  });
});

describe('deleteDestination', () => {
  it('deletes the org’s destination with an activity entry; another org gets NOT_FOUND', async () => {
    const org = await seedOrg({ prisma: db() });
    const other = await seedOrg({ prisma: db() });
    const created = await createDestination({
      db: db(),
      actor: org.admin.actor,
      input: webhook(),
      network,
    });
    await expectAppError(
      deleteDestination({ db: db(), actor: other.owner.actor, input: { id: created.id } }),
      'NOT_FOUND',
    );
    await expectAppError(
      deleteDestination({ db: db(), actor: org.auditor.actor, input: { id: created.id } }),
      'FORBIDDEN',
    );
    expect(
      await deleteDestination({ db: db(), actor: org.admin.actor, input: { id: created.id } }),
    ).toEqual({ id: created.id, name: 'SOC webhook' });
    expect(await db().auditDestination.count()).toBe(0);
    expect(await activityText(db(), org.orgId)).toContain('destination.delete');
    await expectAppError(
      deleteDestination({ db: db(), actor: org.admin.actor, input: { id: created.id } }),
      'NOT_FOUND',
    );
  });
});

import { expectAppError, seedOrg, setupTestDatabase } from '@parapet/accounts/testing';
import { describe, expect, it } from 'vitest';
import { seedDirectoryWorld } from '../testing/seed-directory-world';
import { listDirectoryEvents } from './list-directory-events';

const db = setupTestDatabase();

describe('listDirectoryEvents', () => {
  it('pages newest first by keyset, filters by outcome and hides other orgs', async () => {
    const org = await seedOrg({ prisma: db() });
    const other = await seedOrg({ prisma: db() });
    const { directory } = await seedDirectoryWorld({ prisma: db(), orgId: org.orgId });
    const start = Date.parse('2026-01-01T00:00:00.000Z');
    // Two events share a timestamp, so the id breaks the tie across a page boundary.
    const times = [0, 1000, 2000, 2000, 3000];
    await db().directoryEvent.createMany({
      data: times.map((offset, index) => ({
        orgId: org.orgId,
        directoryId: directory.id,
        at: new Date(start + offset),
        action: index === 1 ? 'request.refused' : 'user.created',
        outcome: index === 1 ? 'refused' : 'ok',
        method: 'POST',
        path: '/Users',
        status: index === 1 ? 409 : 201,
        summary: `event ${index}`,
      })),
    });
    const actor = org.auditor.actor;
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 5; page += 1) {
      const result = await listDirectoryEvents({
        db: db(),
        actor,
        input: { id: directory.id, limit: '2', ...(cursor ? { cursor } : {}) },
      });
      seen.push(...result.events.map((event) => event.summary));
      if (!result.nextCursor) break;
      cursor = result.nextCursor;
    }
    expect(seen).toHaveLength(5);
    expect(new Set(seen).size).toBe(5);
    expect(seen[0]).toBe('event 4');
    expect(seen.at(-1)).toBe('event 0');
    const refused = await listDirectoryEvents({
      db: db(),
      actor,
      input: { id: directory.id, outcome: 'refused' },
    });
    expect(refused.events.map((event) => [event.summary, event.status])).toEqual([
      ['event 1', 409],
    ]);
    expect(refused.nextCursor).toBeNull();
    await expectAppError(
      listDirectoryEvents({ db: db(), actor: other.owner.actor, input: { id: directory.id } }),
      'NOT_FOUND',
    );
    await expectAppError(
      listDirectoryEvents({ db: db(), actor, input: { id: directory.id, outcome: 'maybe' } }),
      'INVALID_INPUT',
    );
    await expectAppError(
      listDirectoryEvents({ db: db(), actor, input: { id: directory.id, cursor: 'x' } }),
      'INVALID_INPUT',
    );
  });
});

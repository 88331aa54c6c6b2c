import pg from 'pg';
import { createOrg, type TestDatabase } from '../testing';
import { appendActivity } from './append-activity';

/**
 * What the activity log's tests need from their database: orgs with a chain of entries, and a
 * way to tamper with them as a DBA would. For tests only.
 */
export function activityFixtures(database: () => TestDatabase) {
  async function orgWithEntries(count: number): Promise<string> {
    const db = database();
    const org = await createOrg({ prisma: db.prisma });
    await appendEntries(org.id, count);
    return org.id;
  }

  async function appendEntries(orgId: string, count: number): Promise<void> {
    const db = database();
    for (let index = 0; index < count; index++) {
      await db.prisma.$transaction((tx) =>
        appendActivity(tx, {
          orgId,
          actorEmail: 'owner@example.test',
          action: 'member.invite',
          target: `user-${index}@example.test`,
          details: { role: 'auditor', nested: { b: 2, a: [1, { y: true, x: null }] } },
          ip: '127.0.0.1',
        }),
      );
    }
  }

  /** Runs SQL as the tables' owner with the append-only trigger switched off: a DBA tampering. */
  async function tamper(sql: string, params: unknown[] = []): Promise<void> {
    const client = new pg.Client({ connectionString: database().databaseUrl });
    await client.connect();
    try {
      await client.query('BEGIN');
      await client.query('ALTER TABLE activity_log DISABLE TRIGGER activity_log_append_only');
      await client.query(sql, params);
      await client.query('ALTER TABLE activity_log ENABLE TRIGGER activity_log_append_only');
      await client.query('COMMIT');
    } finally {
      await client.end();
    }
  }

  /** Deletes the entries from `fromSeq` on and lowers the anchor to match: a clean cut. */
  async function cutFrom(orgId: string, fromSeq: number): Promise<void> {
    await tamper('DELETE FROM activity_log WHERE org_id = $1 AND seq >= $2', [orgId, fromSeq]);
    await tamper('UPDATE organizations SET last_activity_seq = $2 WHERE id = $1', [
      orgId,
      fromSeq - 1,
    ]);
  }

  return { orgWithEntries, appendEntries, tamper, cutFrom };
}

import { expectAppError, snapshotDatabase } from '@parapet/accounts/testing';
import { deactivatePerson } from '@parapet/policy-admin';
import { describe, expect, it } from 'vitest';
import {
  activityText,
  seedDistributionOrg,
  setupDistributionDatabase,
} from '../testing/distribution-fixtures';
import { createEnrollmentToken } from './create-enrollment-token';
import { hashEnrollmentToken } from './enrollment-token-format';
import { listEnrollmentTokens } from './list-enrollment-tokens';
import { revokeEnrollmentToken } from './revoke-enrollment-token';

const { db } = setupDistributionDatabase();
const day = 24 * 60 * 60 * 1000;

describe('createEnrollmentToken', () => {
  it('creates a pet_ token for a person and groups, stores only its hash, expires in 7 days', async () => {
    const org = await seedDistributionOrg(db());
    const now = new Date();
    const created = await createEnrollmentToken({
      db: db(),
      actor: org.admin.actor,
      input: { name: 'Alice laptop', person: org.personEmail.toUpperCase(), groups: ['ops'] },
      now,
    });
    expect(created.token).toMatch(/^pet_[A-Za-z0-9_-]{43}$/);
    expect(created).toMatchObject({
      name: 'Alice laptop',
      prefix: created.token.slice(0, 12),
      person: { email: org.personEmail, active: true },
      groups: ['ops'],
      reusable: false,
      uses: 0,
      state: 'active',
      createdBy: org.admin.actor.email,
    });
    expect(created.expiresAt.getTime()).toBe(now.getTime() + 7 * day);
    const row = await db().enrollmentToken.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.tokenHash).toBe(hashEnrollmentToken(created.token));
    expect(JSON.stringify(row)).not.toContain(created.token);
  });

  it('records an activity entry that never holds the token', async () => {
    const org = await seedDistributionOrg(db());
    const created = await createEnrollmentToken({
      db: db(),
      actor: org.admin.actor,
      input: { groups: ['eng'], reusable: true },
    });
    const log = await activityText(db(), org.orgId);
    expect(log).toContain('enrollment_token.created');
    expect(log).not.toContain(created.token);
    expect(log).not.toContain(hashEnrollmentToken(created.token));
  });

  it('takes an expiry up to a year ahead, and refuses the past and beyond a year', async () => {
    const org = await seedDistributionOrg(db());
    const now = new Date();
    const in30Days = new Date(now.getTime() + 30 * day).toISOString();
    const ok = await createEnrollmentToken({
      db: db(),
      actor: org.admin.actor,
      input: { expiresAt: in30Days, reusable: 'true' },
      now,
    });
    expect(ok).toMatchObject({ expiresAt: new Date(in30Days), reusable: true });
    for (const expiresAt of [
      new Date(now.getTime() - 1000).toISOString(),
      new Date(now.getTime() + 366 * day).toISOString(),
      'tomorrow',
    ]) {
      const error = await expectAppError(
        createEnrollmentToken({ db: db(), actor: org.admin.actor, input: { expiresAt }, now }),
        'INVALID_INPUT',
      );
      expect(error.fieldErrors?.expiresAt).toBeDefined();
    }
  });

  it('refuses a person not in the directory or deactivated, and groups the org does not have', async () => {
    const org = await seedDistributionOrg(db());
    const unknown = await expectAppError(
      createEnrollmentToken({
        db: db(),
        actor: org.admin.actor,
        input: { person: 'nobody@example.test' },
      }),
      'INVALID_INPUT',
    );
    expect(unknown.fieldErrors?.person).toEqual(['nobody@example.test is not in the directory.']);
    const person = await db().person.findFirstOrThrow({ where: { email: org.personEmail } });
    await deactivatePerson({
      db: db(),
      actor: org.admin.actor,
      input: { personId: person.id },
    });
    await expectAppError(
      createEnrollmentToken({
        db: db(),
        actor: org.admin.actor,
        input: { person: org.personEmail },
      }),
      'INVALID_INPUT',
    );
    const groups = await expectAppError(
      createEnrollmentToken({
        db: db(),
        actor: org.admin.actor,
        input: { groups: ['eng', 'nope'] },
      }),
      'INVALID_INPUT',
    );
    expect(groups.fieldErrors?.groups).toEqual(['There is no group named "nope".']);
  });

  it("refuses auditors, and another org's person or group, with nothing written", async () => {
    const org = await seedDistributionOrg(db());
    const other = await seedDistributionOrg(db());
    await db().policyGroup.create({ data: { orgId: other.orgId, name: 'other-only' } });
    const before = await snapshotDatabase(db());
    await expectAppError(
      createEnrollmentToken({ db: db(), actor: org.auditor.actor, input: {} }),
      'FORBIDDEN',
    );
    await expectAppError(
      createEnrollmentToken({
        db: db(),
        actor: org.admin.actor,
        input: { person: other.personEmail },
      }),
      'INVALID_INPUT',
    );
    await expectAppError(
      createEnrollmentToken({
        db: db(),
        actor: org.admin.actor,
        input: { groups: ['other-only'] },
      }),
      'INVALID_INPUT',
    );
    expect(await snapshotDatabase(db())).toBe(before);
    expect(await db().enrollmentToken.count()).toBe(0);
  });
});

describe('listEnrollmentTokens and revokeEnrollmentToken', () => {
  it('lists the org’s tokens newest first for auditors, never a token or its hash', async () => {
    const org = await seedDistributionOrg(db());
    const other = await seedDistributionOrg(db());
    const first = await createEnrollmentToken({ db: db(), actor: org.admin.actor, input: {} });
    const second = await createEnrollmentToken({ db: db(), actor: org.owner.actor, input: {} });
    await createEnrollmentToken({ db: db(), actor: other.admin.actor, input: {} });
    const rows = await listEnrollmentTokens({ db: db(), actor: org.auditor.actor });
    expect(rows.map((row) => row.id)).toEqual([second.id, first.id]);
    const text = JSON.stringify(rows);
    for (const secret of [first.token, second.token, hashEnrollmentToken(first.token)]) {
      expect(text).not.toContain(secret);
    }
  });

  it('revokes once (admins), records it, and calls the second revocation a conflict', async () => {
    const org = await seedDistributionOrg(db());
    const created = await createEnrollmentToken({ db: db(), actor: org.admin.actor, input: {} });
    const revoked = await revokeEnrollmentToken({
      db: db(),
      actor: org.admin.actor,
      input: { id: created.id },
    });
    expect(revoked).toMatchObject({
      id: created.id,
      state: 'revoked',
      revokedAt: expect.any(Date),
    });
    expect(JSON.stringify(revoked)).not.toContain(created.token);
    await expectAppError(
      revokeEnrollmentToken({ db: db(), actor: org.admin.actor, input: { id: created.id } }),
      'CONFLICT',
    );
    expect(await activityText(db(), org.orgId)).toContain('enrollment_token.revoked');
  });

  it("refuses auditors and another org's admin", async () => {
    const org = await seedDistributionOrg(db());
    const other = await seedDistributionOrg(db());
    const created = await createEnrollmentToken({ db: db(), actor: org.admin.actor, input: {} });
    await expectAppError(
      revokeEnrollmentToken({ db: db(), actor: org.auditor.actor, input: { id: created.id } }),
      'FORBIDDEN',
    );
    await expectAppError(
      revokeEnrollmentToken({ db: db(), actor: other.admin.actor, input: { id: created.id } }),
      'NOT_FOUND',
    );
    const row = await db().enrollmentToken.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.revokedAt).toBeNull();
  });
});

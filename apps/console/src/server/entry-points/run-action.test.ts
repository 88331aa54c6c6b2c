import { createSession } from '@parapet/accounts';
import { seedOrg, setupTestDatabase } from '@parapet/accounts/testing';
import { provokeBusyDatabase } from '@parapet/db/testing';
import { AppError } from '@parapet/errors';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { memberAccess, publicAccess } from './access';
import { type AnyActionDefinition, runAction } from './entry-points';

const db = setupTestDatabase();
const request = {
  sessionToken: undefined,
  ip: '192.0.2.1',
  origin: 'http://localhost:3000',
  requestId: 'ab12cd34',
};

function publicDefinition(run: AnyActionDefinition['run']): AnyActionDefinition {
  return {
    name: 'test.public',
    access: publicAccess('A test action that needs no session at all.'),
    input: z.strictObject({ email: z.string(), password: z.string() }),
    run,
  };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('runAction', () => {
  it('turns an unexpected failure into a generic message with the request id, and logs it', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const { result } = await runAction({
      definition: publicDefinition(async () => {
        throw new Error('connection refused at 10.0.0.5:5432');
      }),
      db: db(),
      request,
      rawInput: { email: 'a@example.com', password: 'secret value' },
    });
    expect(result).toMatchObject({ status: 'error', code: 'INTERNAL', requestId: 'ab12cd34' });
    const message = (result as { message: string }).message;
    expect(message).toContain('ab12cd34');
    expect(message).not.toMatch(/10\.0\.0\.5|refused|at /);
    expect(logged).toHaveBeenCalledWith('[ab12cd34] action test.public failed', expect.any(Error));
  });

  it.each([
    ['a transaction that cannot start in time', 'transaction'],
    ['a query that waited out the pool', 'query'],
  ] as const)('answers BUSY, not INTERNAL, when %s', async (_name, kind) => {
    const warned = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const failed = vi.spyOn(console, 'error').mockImplementation(() => {});
    const { result } = await runAction({
      definition: publicDefinition(async () => {
        throw await provokeBusyDatabase(kind);
      }),
      db: db(),
      request,
      rawInput: { email: 'a@example.com', password: 'secret value' },
    });
    expect(result).toEqual({
      status: 'error',
      code: 'BUSY',
      message: 'Parapet is busy. Try again in a few seconds.',
      fieldErrors: undefined,
      values: { email: 'a@example.com' },
    });
    // Overload is logged as one line with the request id, not as a failure with a stack.
    expect(warned).toHaveBeenCalledWith(
      expect.stringMatching(/^\[ab12cd34\] action test\.public: /),
    );
    expect(failed).not.toHaveBeenCalled();
  });

  it('shows an AppError’s message and field errors, and echoes typed values but never passwords', async () => {
    const { result } = await runAction({
      definition: publicDefinition(async () => {
        throw new AppError('CONFLICT', 'Taken.', { fieldErrors: { email: ['Taken.'] } });
      }),
      db: db(),
      request,
      rawInput: { email: 'a@example.com', password: 'secret value' },
    });
    expect(result).toEqual({
      status: 'error',
      code: 'CONFLICT',
      message: 'Taken.',
      fieldErrors: { email: ['Taken.'] },
      values: { email: 'a@example.com' },
    });
  });

  it('authorizes before validating, so a refused caller learns nothing about the input', async () => {
    const org = await seedOrg({ prisma: db() });
    const definition: AnyActionDefinition = {
      name: 'test.member',
      access: memberAccess('admin'),
      input: z.strictObject({ value: z.string().min(5) }),
      run: async () => ({ data: 'ran' }),
    };
    const signedOut = await runAction({
      definition,
      db: db(),
      request,
      rawInput: { orgId: org.orgId, value: '' },
    });
    expect(signedOut.result).toMatchObject({ status: 'error', code: 'UNAUTHENTICATED' });

    const { sessionToken } = await db().$transaction((tx) =>
      createSession({ tx, userId: org.admin.user.id }),
    );
    const invalid = await runAction({
      definition,
      db: db(),
      request: { ...request, sessionToken },
      rawInput: { orgId: org.orgId, value: '' },
    });
    expect(invalid.result).toMatchObject({ status: 'error', code: 'INVALID_INPUT' });
    const valid = await runAction({
      definition,
      db: db(),
      request: { ...request, sessionToken },
      rawInput: { orgId: org.orgId, value: 'long enough' },
    });
    expect(valid.result).toEqual({ status: 'success', data: 'ran', message: undefined });
  });
});

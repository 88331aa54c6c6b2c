import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError, type AppErrorCode, httpStatusForCode, isAppError } from './app-error';
import { toFieldErrors } from './to-field-errors';

describe('AppError', () => {
  it.each<[AppErrorCode, number]>([
    ['INVALID_INPUT', 400],
    ['UNAUTHENTICATED', 401],
    ['ENROLLMENT_TOKEN_INVALID', 401],
    ['TOKEN_EXPIRED', 401],
    ['FORBIDDEN', 403],
    ['DEVICE_REVOKED', 403],
    ['NOT_FOUND', 404],
    ['LAST_OWNER', 409],
    ['INVITE_UNUSABLE', 410],
    ['SIGN_IN_LOCKED', 429],
    ['BUSY', 429],
    ['INTERNAL', 500],
  ])('answers %s with %i', (code, status) => {
    expect(new AppError(code, 'message').status).toBe(status);
    expect(httpStatusForCode(code)).toBe(status);
  });

  it('treats a code missing from the table as a server error', () => {
    expect(httpStatusForCode('NO_SUCH_CODE' as AppErrorCode)).toBe(500);
  });

  it('carries its field errors, retry delay and cause', () => {
    const cause = new Error('underlying');
    const error = new AppError('BUSY', 'Try again.', {
      fieldErrors: { email: ['Taken.'] },
      retryAfterSeconds: 2,
      cause,
    });
    expect(error).toMatchObject({
      name: 'AppError',
      code: 'BUSY',
      message: 'Try again.',
      fieldErrors: { email: ['Taken.'] },
      retryAfterSeconds: 2,
      cause,
    });
    expect(new AppError('NOT_FOUND', 'Gone.')).not.toHaveProperty('cause');
  });

  it('is told apart from other errors', () => {
    expect(isAppError(new AppError('CONFLICT', 'Taken.'))).toBe(true);
    expect(isAppError(new Error('CONFLICT'))).toBe(false);
    expect(isAppError({ code: 'CONFLICT', message: 'Taken.' })).toBe(false);
  });
});

describe('toFieldErrors', () => {
  const schema = z.strictObject({ email: z.email(), name: z.string().min(1) });

  it.each([
    ['a valid field is not named', { email: 'nope', name: 'Ada' }, ['email']],
    ['every invalid field is named', { email: 'nope', name: '' }, ['email', 'name']],
    ['an unexpected field goes under _form', { email: 'a@b.co', name: 'Ada', x: 1 }, ['_form']],
  ])('%s', (_name, input, fields) => {
    const result = schema.safeParse(input);
    if (result.success) throw new Error('expected the input to be refused');
    const fieldErrors = toFieldErrors(result.error);
    expect(Object.keys(fieldErrors).sort()).toEqual(fields);
    for (const messages of Object.values(fieldErrors)) expect(messages.length).toBeGreaterThan(0);
  });
});

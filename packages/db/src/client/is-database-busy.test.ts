import { describe, expect, it } from 'vitest';
import { Prisma } from '../generated/prisma/client';
import { provokeBusyDatabase } from '../testing/provoke-busy-database';
import { isDatabaseBusy } from './is-database-busy';

const clientVersion = Prisma.prismaVersion.client;

describe('isDatabaseBusy', () => {
  it.each([
    ['a transaction that could not start in time', 'transaction'],
    ['a query that waited out the pool', 'query'],
    ['a new connection that was not accepted in time', 'connect'],
  ] as const)('recognises %s, as the driver really throws it', async (_name, kind) => {
    const error = await provokeBusyDatabase(kind);
    expect(isDatabaseBusy(error)).toBe(true);
  });

  it('recognises Postgres refusing a connection (too many clients)', () => {
    const error = new Prisma.PrismaClientKnownRequestError(
      'Too many database connections opened: sorry, too many clients already',
      { code: 'P2037', clientVersion },
    );
    expect(isDatabaseBusy(error)).toBe(true);
  });

  it.each([
    [
      'a transaction that ran past its timeout (a bug, not load)',
      new Prisma.PrismaClientKnownRequestError(
        'Transaction API error: A commit cannot be executed on an expired transaction.',
        { code: 'P2028', clientVersion },
      ),
    ],
    [
      'a unique violation',
      new Prisma.PrismaClientKnownRequestError('Unique constraint failed', {
        code: 'P2002',
        clientVersion,
      }),
    ],
    ['an unreachable server', Object.assign(new Error('connect ECONNREFUSED'), { code: 'P1001' })],
    ['any other error', new Error('something else')],
    ['a thrown string', 'timeout exceeded when trying to connect'],
  ])('does not take %s for load', (_name, error) => {
    expect(isDatabaseBusy(error)).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './passwords';

describe('passwords', () => {
  it('hashes with argon2id and the chosen cost parameters', async () => {
    const hash = await hashPassword('correct horse battery staple');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it('salts every hash', async () => {
    const [first, second] = await Promise.all([hashPassword('same'), hashPassword('same')]);
    expect(first).not.toBe(second);
  });

  it.each([
    ['the right password', 'correct horse battery staple', true],
    ['a wrong password', 'correct horse battery stapler', false],
    ['an empty password', '', false],
  ])('verifies %s', async (_name, attempt, expected) => {
    const passwordHash = await hashPassword('correct horse battery staple');
    expect(await verifyPassword({ passwordHash, password: attempt })).toBe(expected);
  });

  it.each([null, undefined, ''])(
    'answers false without a stored hash (%s)',
    async (passwordHash) => {
      expect(await verifyPassword({ passwordHash, password: 'anything at all' })).toBe(false);
    },
  );

  it('answers false for a malformed stored hash instead of throwing', async () => {
    expect(await verifyPassword({ passwordHash: 'not-a-phc-string', password: 'x' })).toBe(false);
  });
});

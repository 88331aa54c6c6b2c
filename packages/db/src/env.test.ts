import { describe, expect, it } from 'vitest';
import { parseDbEnv } from './env';

describe('PARAPET_DB_POOL_SIZE', () => {
  it.each([
    [undefined, undefined],
    ['', undefined],
    ['1', 1],
    [' 40 ', 40],
    ['1000', 1000],
  ])('accepts %j as %j', (value, expected) => {
    expect(parseDbEnv({ PARAPET_DB_POOL_SIZE: value }).PARAPET_DB_POOL_SIZE).toBe(expected);
  });

  it.each(['0', '1001', '-5', '2.5', 'twenty'])('refuses %j, naming the variable', (value) => {
    expect(() => parseDbEnv({ PARAPET_DB_POOL_SIZE: value })).toThrow(/PARAPET_DB_POOL_SIZE/);
  });
});

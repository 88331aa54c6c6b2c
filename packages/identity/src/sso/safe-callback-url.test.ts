import { describe, expect, it } from 'vitest';
import { safeCallbackUrl } from './safe-callback-url';

describe('safeCallbackUrl', () => {
  it.each([
    ['/', '/'],
    ['/device?user_code=ABCD-EFGH', '/device?user_code=ABCD-EFGH'],
    ['/members#top', '/members#top'],
    ['/a/../b', '/b'],
  ])('keeps the same-origin path %s', (value, expected) => {
    expect(safeCallbackUrl(value)).toBe(expected);
  });

  it.each([
    'https://evil.example/',
    '//evil.example/',
    '/\\evil.example',
    '\\\\evil.example',
    '/\t/evil.example',
    ' /x',
    'javascript:alert(1)',
    'device',
    '',
    `/${'a'.repeat(2001)}`,
    undefined,
    ['/', '/x'],
  ])('replaces %j with /', (value) => {
    expect(safeCallbackUrl(value)).toBe('/');
  });
});

import { describe, expect, it } from 'vitest';
import { describeAge } from './describe-age';

const now = new Date('2026-05-12T12:00:00Z');
const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000);

describe('describeAge', () => {
  it.each<[string, Date, string]>([
    ['the same instant', now, 'just now'],
    ['a clock a little ahead', ago(-5), 'just now'],
    ['44 seconds', ago(44), 'just now'],
    ['45 seconds', ago(45), '45 seconds ago'],
    ['one minute', ago(60), '1 minute ago'],
    ['59 minutes 59 seconds', ago(3_599), '59 minutes ago'],
    ['one hour', ago(3_600), '1 hour ago'],
    ['a day and a half', ago(129_600), '1 day ago'],
    ['45 days', ago(45 * 86_400), '1 month ago'],
    ['400 days', ago(400 * 86_400), '1 year ago'],
    ['three years', ago(3 * 365 * 86_400), '3 years ago'],
  ])('%s reads %s', (_case, value, expected) => {
    expect(describeAge(value, now)).toBe(expected);
  });
});

import { describe, expect, it } from 'vitest';
import { ifNoneMatchHolds, preferredWaitSeconds } from './prefer-wait';

describe('preferredWaitSeconds', () => {
  it.each<[string | undefined, number]>([
    [undefined, 0],
    ['', 0],
    ['wait=30', 30],
    ['WAIT=30', 30],
    ['wait=0', 0],
    ['wait=600', 60],
    ['wait=60', 60],
    ['respond-async, wait=10', 10],
    ['return=minimal; wait=5', 5],
    ['wait="7"', 7],
    ['wait = 9', 9],
    ['wait=-1', 0],
    ['wait=abc', 0],
    ['wait=1.5', 0],
    ['nowait=5', 0],
    ['wait=99999999999999', 60],
  ])('%s → %i (cap 60)', (header, expected) => {
    expect(preferredWaitSeconds(header, 60)).toBe(expected);
  });
});

describe('ifNoneMatchHolds', () => {
  const etag = '"abc"';
  it.each<[string | undefined, boolean]>([
    [undefined, false],
    ['"abc"', true],
    ['"abd"', false],
    ['abc', false],
    ['*', true],
    ['"x", "abc"', true],
    ['"x","y"', false],
    ['W/"abc"', true],
    ['', false],
  ])('%s → %s', (header, expected) => {
    expect(ifNoneMatchHolds(header, etag)).toBe(expected);
  });
});

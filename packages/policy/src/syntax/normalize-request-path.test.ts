import { describe, expect, it } from 'vitest';
import { compileWildcard, matchWildcard } from './match-wildcard';
import {
  isUnderRoot,
  normalizeRequestPath,
  normalizeRootDirectory,
  resolveSegments,
} from './normalize-request-path';
import { parsePathPattern } from './parse-path-pattern';

describe('resolveSegments', () => {
  it.each([
    ['/a/b', ['a', 'b']],
    ['/a//b/', ['a', 'b']],
    ['/a/./b/.', ['a', 'b']],
    ['/a/../b', ['b']],
    ['/../../a', ['a']],
    ['/', []],
    ['/a/.../b', ['a', '...', 'b']],
    ['/a/..b/c', ['a', '..b', 'c']],
  ])('%s', (path, segments) => {
    expect(resolveSegments(path)).toEqual(segments);
  });
});

describe('normalizeRootDirectory and isUnderRoot', () => {
  it.each([
    ['/', '/', 0],
    ['/home/ana', '/home/ana', 2],
    ['/home//ana/', '/home/ana', 2],
    ['/home/./ana/x/..', '/home/ana', 2],
    ['/..', '/', 0],
  ])('%s is %s', (value, text, depth) => {
    expect(normalizeRootDirectory(value, 'home')).toEqual({ text, depth });
  });
  it.each(['home/ana', '', '/home/\u0000'])('%s is refused', (value) => {
    expect(normalizeRootDirectory(value, 'home')).toEqual(expect.any(String));
  });
  it.each([
    [['home', 'ana'], true],
    [['home', 'ana', 'x'], true],
    [['home', 'anab'], false],
    [['home'], false],
    [['homes', 'ana'], false],
  ])('%j under /home/ana is %s', (segments, expected) => {
    expect(isUnderRoot(segments, { text: '/home/ana', depth: 2 })).toBe(expected);
  });
});

describe('normalizeRequestPath', () => {
  const roots = { home: { text: '/home/ana', depth: 2 }, workspace: { text: '/w', depth: 1 } };
  it.each([
    ['~', ['home', 'ana']],
    ['~/', ['home', 'ana']],
    ['~/x/../y', ['home', 'ana', 'y']],
    [':home/x', ['home', 'ana', 'x']],
    [':workspace/../etc', ['etc']],
    ['/abs', ['abs']],
  ])('%s', (path, segments) => {
    expect(normalizeRequestPath(path, roots)).toEqual(segments);
  });
  it.each(['rel', './x', '~ana/x', ':tmp/x', ':workspaces/x', '', '/a\u0000b'])(
    '%s is invalid',
    (path) => {
      expect(normalizeRequestPath(path, roots)).toEqual(expect.any(String));
    },
  );
});

describe('parsePathPattern', () => {
  it.each([
    ['/a/**', 'absolute', ['a', '**']],
    ['~/.ssh/**', 'home', ['.ssh', '**']],
    [':home/x', 'home', ['x']],
    [':workspace', 'workspace', []],
    ['/a//b/./c/', 'absolute', ['a', 'b', 'c']],
    ['/a/**/**/b', 'absolute', ['a', '**', 'b']],
  ])('%s', (text, root, segments) => {
    expect(parsePathPattern(text)).toEqual({ ok: true, pattern: { root, segments } });
  });
});

describe('matchWildcard', () => {
  it.each([
    ['*', '', true],
    ['*', 'anything', true],
    ['get_*', 'get_', true],
    ['get_*', 'get', false],
    ['*_issue', 'create_issue', true],
    ['a*b*c', 'abc', true],
    ['a*b*c', 'aXbYc', true],
    ['a*b*c', 'acb', false],
    ['ab*ab', 'ab', false],
    ['ab*ab', 'abab', true],
    ['exact', 'exact', true],
    ['exact', 'exactly', false],
  ])('%s ~ %s → %s', (pattern, text, expected) => {
    expect(matchWildcard(compileWildcard(pattern), text)).toBe(expected);
  });
});

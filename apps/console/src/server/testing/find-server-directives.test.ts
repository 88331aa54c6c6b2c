import { describe, expect, it } from 'vitest';
import { findServerDirectives } from './find-server-directives';

describe('findServerDirectives', () => {
  it.each([
    ['a file-level directive', "'use server';\nexport async function a() {}", true, []],
    ['one after another directive', '"use strict";\n"use server"\nexport const a = 1;', true, []],
    ['a directive after a comment', "// Actions.\n'use server';\nexport const a = 1;", true, []],
    ['none', "import { x } from 'y';\nexport const a = 'use server';", false, []],
    ['the words after the prologue', "export const a = 1;\n'use server';", false, []],
    [
      'an inline action in a component',
      "export function Page() {\n  async function save() {\n    'use server';\n  }\n}",
      false,
      [2],
    ],
    [
      'an inline arrow action',
      "const save = async () => {\n  'use server';\n  return 1;\n};",
      false,
      [1],
    ],
  ])('finds %s', (_name, source, fileLevel, inlineLines) => {
    expect(findServerDirectives({ fileName: 'x.tsx', source })).toEqual({
      fileLevel,
      inlineLines,
    });
  });
});

import { describe, expect, it } from 'vitest';
import { groupNameField } from './group-name-field';

describe('groupNameField', () => {
  it.each([
    ['engineering', true],
    ['a', true],
    ['0', true],
    ['team-42', true],
    ['a'.repeat(63), true],
    ['a'.repeat(64), false],
    ['', false],
    ['-eng', false],
    ['eng-', false],
    ['-', false],
    ['Engineering', false],
    ['eng_ops', false],
    ['eng ops', false],
    [' eng', false],
    ['ingénierie', false],
    ['eng/ops', false],
  ])('%j is accepted: %s', (name, accepted) => {
    expect(groupNameField.safeParse(name).success).toBe(accepted);
  });
});

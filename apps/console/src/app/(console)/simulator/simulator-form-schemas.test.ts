import { describe, expect, it } from 'vitest';
import { groupListText } from '../people/people-form-schemas';
import { compareFormSchema, requestLinesField, simulateFormSchema } from './simulator-form-schemas';

const network = { surface: 'network', host: 'github.com', port: 443 };

describe('the request box', () => {
  it.each([
    ['one request per line', `${JSON.stringify(network)}\n"x"`, [network, 'x']],
    ['blank lines skipped', `\n${JSON.stringify(network)}\r\n\n`, [network]],
    ['one JSON array', JSON.stringify([network, 1]), [network, 1]],
    [
      'a value that is not a request is kept, for the engine to deny',
      '{"surface": "dns"}',
      [{ surface: 'dns' }],
    ],
  ])('reads %s', (_case, text, expected) => {
    expect(requestLinesField.parse(text)).toEqual(expected);
  });

  it.each([
    ['nothing', '   \n', 'Enter at least one request as JSON.'],
    [
      'a line that is not JSON, by its number',
      `${JSON.stringify(network)}\n{host: x}`,
      'Line 2 is not JSON',
    ],
  ])('refuses %s', (_case, text, message) => {
    const parsed = requestLinesField.safeParse(text);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toContain(message);
  });
});

describe('the subject of a simulation', () => {
  const requests = JSON.stringify(network);

  it.each([
    [
      'a person, when named',
      { person: ' Dana@Example.com ', groups: 'a' },
      { person: 'dana@example.com' },
    ],
    ['the groups otherwise', { person: '', groups: 'b,a,a' }, { groups: ['b', 'a'] }],
    ['no group: guardrails and baseline', { person: '', groups: '' }, { groups: [] }],
  ])('is %s', (_case, subject, expected) => {
    const parsed = simulateFormSchema.parse({ against: '2', requests, ...subject });
    expect(parsed).toMatchObject({ against: 2, requests: [network], ...expected });
  });

  it('refuses a bad group name at its field', () => {
    const parsed = compareFormSchema.safeParse({ requests, groups: 'Not A Group' });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path[0]).toBe('groups');
  });

  it('compares the published version with the drafts', () => {
    expect(compareFormSchema.parse({ requests, groups: '' })).toMatchObject({
      from: 'published',
      to: 'draft',
    });
  });
});

describe('the groups of a person form', () => {
  it.each([
    ['', []],
    ['ops,dev,ops', ['dev', 'ops']],
    [' ops , dev ', ['dev', 'ops']],
  ])('reads %j', (text, expected) => {
    expect(groupListText.parse(text)).toEqual(expected);
  });
});

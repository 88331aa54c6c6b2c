import { secretFieldsByType } from '@parapet/audit';
import { formatsByType, settingFieldsByType } from '@parapet/audit/destinations';
import { describe, expect, it } from 'vitest';
import { destinationTypeNames, destinationTypeSpecs } from './destination-field-specs';
import { createDestinationFormSchema, updateDestinationFormSchema } from './destination-form-input';

// The form's description of each type is written by hand (the browser cannot load the audit
// package); these rows hold it to the schemas the server validates with.
describe('the destination form’s field specs', () => {
  it('cover exactly the types the server takes', () => {
    expect([...destinationTypeNames].sort()).toEqual(Object.keys(settingFieldsByType).sort());
  });

  it.each(destinationTypeNames)(
    '%s: same settings, formats (default first) and secrets',
    (type) => {
      const spec = destinationTypeSpecs[type];
      expect(spec.fields.map((field) => field.name).sort()).toEqual(
        [...settingFieldsByType[type]].sort(),
      );
      expect(spec.formats).toEqual(formatsByType[type]);
      const secrets = spec.fields
        .filter((field) => field.kind === 'secret')
        .map((field) => field.name);
      expect(secrets.sort()).toEqual([...secretFieldsByType[type]].sort());
    },
  );
});

describe('the destination form’s input', () => {
  it.each([
    [
      'a webhook, blanks left out',
      { type: 'webhook', name: 'Hook', format: '', url: 'https://x.example', secret: 's' },
      { type: 'webhook', name: 'Hook', url: 'https://x.example', secret: 's' },
    ],
    [
      'syslog numbers as numbers, other types’ fields dropped',
      { type: 'syslog', name: 'S', host: 'h', port: '514', facility: '', url: 'ignored' },
      { type: 'syslog', name: 'S', host: 'h', port: 514 },
    ],
    [
      'a number that is not one stays text for the schema to refuse',
      { type: 'syslog', name: 'S', host: 'h', port: '5e2' },
      { type: 'syslog', name: 'S', host: 'h', port: '5e2' },
    ],
    [
      'Datadog tags as a list',
      { type: 'datadog', name: 'D', apiKey: 'k', tags: 'env:prod, team:sec\nextra' },
      { type: 'datadog', name: 'D', apiKey: 'k', tags: ['env:prod', 'team:sec', 'extra'] },
    ],
  ])('new: %s', (_name, form, expected) => {
    expect(createDestinationFormSchema.parse(form)).toEqual(expected);
  });

  it('edit: a blank secret is kept (left out), a blank optional setting is cleared (null)', () => {
    const id = '01937a5e-0000-7000-8000-000000000001';
    expect(
      updateDestinationFormSchema.parse({
        id,
        type: 'splunk-hec',
        name: 'Splunk',
        format: 'ocsf',
        url: 'https://splunk.example:8088',
        token: '',
        index: '',
        source: 'parapet',
        sourcetype: '',
      }),
    ).toEqual({
      id,
      type: 'splunk-hec',
      name: 'Splunk',
      format: 'ocsf',
      url: 'https://splunk.example:8088',
      index: null,
      source: 'parapet',
      sourcetype: null,
    });
  });

  it('refuses a type it does not know', () => {
    expect(createDestinationFormSchema.safeParse({ type: 'ftp', name: 'x' }).success).toBe(false);
  });
});

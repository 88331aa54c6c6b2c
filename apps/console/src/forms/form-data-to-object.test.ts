import { describe, expect, it } from 'vitest';
import { formDataToObject } from './form-data-to-object';

describe('formDataToObject', () => {
  it('keeps fields, drops React’s $ACTION bookkeeping and marks files', () => {
    const form = new FormData();
    form.set('email', 'a@example.com');
    form.set('$ACTION_ID_abc', '');
    form.set('$ACTION_REF_1', '');
    form.set('upload', new File(['x'], 'x.txt'));
    expect(formDataToObject(form)).toEqual({ email: 'a@example.com', upload: { file: 'x.txt' } });
  });
});

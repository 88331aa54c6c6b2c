import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { PolicyDocumentEditor } from './policy-document-editor';
import { StructuredPolicyEditor } from './structured-policy-editor';

const baseline = readFileSync(
  join(__dirname, '../../../../../packages/policy/examples/acme/baseline.yaml'),
  'utf8',
);

function render(source: string, issues: { path: string; line?: number; message: string }[] = []) {
  return renderToStaticMarkup(
    createElement(StructuredPolicyEditor, { source, issues, onChange: () => undefined }),
  );
}

describe('StructuredPolicyEditor', () => {
  it('shows every rule of every surface with its chips', () => {
    const html = render(baseline);
    for (const id of ['package-registries', 'workspace', 'github-token', 'filesystem-mcp']) {
      expect(html).toContain(`>${id}<`);
    }
    expect(html).toContain('registry.npmjs.org');
    expect(html).toContain('Add network rule');
  });

  it('shows a problem next to its field, naming the chip', () => {
    const source =
      'network:\n  rules:\n    - id: a\n      action: allow\n      hosts: ["bad host"]\n';
    const html = render(source, [
      { path: 'network.rules[0].hosts[0]', line: 5, message: 'is not a host name' },
    ]);
    expect(html).toContain('bad host: is not a host name');
  });

  it('asks to fix a source it cannot read', () => {
    expect(render('network: [\n')).toContain('Fix the source first');
  });
});

describe('PolicyDocumentEditor', () => {
  it('carries the working source in a form field and checks it with the engine', () => {
    const source = 'network:\n  rules:\n    - id: a\n      action: allow\n';
    const html = renderToStaticMarkup(
      createElement(PolicyDocumentEditor, { source, format: 'yaml', layer: 'baseline' }),
    );
    expect(html).toContain('name="source"');
    expect(html).toContain('1 problem');
  });
});

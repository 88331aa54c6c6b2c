import { createElement, useState } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { readPolicyRules } from '../../apps/console/src/components/policy-editor/document/read-policy-rules';
import { StructuredPolicyEditor } from '../../apps/console/src/components/policy-editor/structured-policy-editor';

// Runs inside Chromium: renders the structured editor over a large document, then applies real
// edits by clicking its buttons, each inside flushSync so the time covers the whole redraw.

declare global {
  interface Window {
    benchRules: number;
  }
}

function buildDocument(rules: number): string {
  const rows = Array.from(
    { length: rules },
    (_, index) =>
      `    - id: rule-${index}\n      action: allow\n      hosts: [host-${index}.example.com, "*.h${index}.example.com"]\n      ports: [443]\n`,
  );
  return `# A large baseline for the editor benchmark.\nnetwork:\n  rules:\n${rows.join('\n')}`;
}

function Harness({ initial }: { initial: string }) {
  const [source, setSource] = useState(initial);
  return createElement(StructuredPolicyEditor, { source, onChange: setSource });
}

function median(values: number[]): number {
  const sorted = [...values].sort((left, right) => left - right);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

function timeClick(container: HTMLElement, label: string): number {
  const button = container.querySelector<HTMLButtonElement>(`[aria-label="${label}"]`);
  if (button === null) throw new Error(`no button labelled ${label}`);
  const started = performance.now();
  flushSync(() => button.click());
  return performance.now() - started;
}

function run(): Record<string, number> {
  const rules = window.benchRules;
  const container = document.getElementById('root') as HTMLElement;
  const source = buildDocument(rules);
  const started = performance.now();
  const root = createRoot(container);
  flushSync(() => root.render(createElement(Harness, { initial: source })));
  const renderMs = performance.now() - started;
  const chipEdits: number[] = [];
  const moves: number[] = [];
  for (let step = 0; step < 7; step += 1) {
    const index = Math.floor(rules / 2) + step;
    chipEdits.push(timeClick(container, `Remove host-${index}.example.com from Hosts`));
    moves.push(timeClick(container, `Move rule-${index} up`));
  }
  // The share of an edit that is reading the new text (the yaml parser), not React.
  const reads: number[] = [];
  for (let step = 0; step < 5; step += 1) {
    const text = `${source}# ${step}\n`;
    const readStarted = performance.now();
    readPolicyRules(text);
    reads.push(performance.now() - readStarted);
  }
  return {
    rules,
    readMs: Math.round(median(reads)),
    renderMs: Math.round(renderMs),
    removeChipMs: Math.round(median(chipEdits)),
    moveRuleMs: Math.round(median(moves)),
  };
}

let result: Record<string, unknown>;
try {
  result = run();
} catch (error) {
  result = { error: String(error) };
}
const output = document.createElement('pre');
output.id = 'bench-result';
output.textContent = JSON.stringify(result);
document.body.append(output);

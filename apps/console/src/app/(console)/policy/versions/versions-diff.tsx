import type {
  DocumentRuleDiff,
  EntryDiff,
  LayerDiff,
  LineDiff,
  PolicyVersionsDiff,
} from '@parapet/policy-admin';
import { classNames } from '@/components/ui/class-names';
import { EmptyState } from '@/components/ui/empty-state';
import { layerLabel } from '../policy-layers';

const statusStyles: Record<LayerDiff['status'], string> = {
  added: 'bg-emerald-50 text-emerald-700',
  removed: 'bg-red-50 text-red-700',
  changed: 'bg-amber-50 text-amber-800',
  unchanged: 'bg-neutral-100 text-neutral-600',
};

const surfaceLabels: Record<string, string> = {
  network: 'Network',
  filesystem: 'Filesystem',
  credentials: 'Credentials',
  mcp: 'MCP',
};

/** Every document that differs: its rules added, removed, changed and moved, and its text diff. */
export function VersionsDiff({ diff }: { diff: PolicyVersionsDiff }) {
  const changed = diff.layers.filter((layer) => layer.status !== 'unchanged');
  const unchanged = diff.layers.length - changed.length;
  if (changed.length === 0) {
    return <EmptyState title="No differences">Both sides hold the same documents.</EmptyState>;
  }
  return (
    <div className="space-y-6">
      {changed.map((layer) => (
        <LayerChanges key={layer.layer} layer={layer} />
      ))}
      {unchanged > 0 ? (
        <p className="text-sm text-neutral-500">
          {unchanged} other {unchanged === 1 ? 'document is' : 'documents are'} unchanged.
        </p>
      ) : null}
    </div>
  );
}

function LayerChanges({ layer }: { layer: LayerDiff }) {
  return (
    <section aria-label={`Changes to ${layerLabel(layer.layer)}`}>
      <h3 className="flex items-center gap-2 text-sm font-semibold text-neutral-900">
        {layerLabel(layer.layer)}
        <span
          className={classNames(
            'rounded px-1.5 py-0.5 text-xs font-medium',
            statusStyles[layer.status],
          )}
        >
          {layer.status}
        </span>
        <span className="text-xs font-normal text-neutral-500">
          +{layer.text.added} −{layer.text.removed} lines
        </span>
      </h3>
      <div className="mt-2 grid gap-4 lg:grid-cols-2">
        <RuleChanges rules={layer.rules} />
        <TextDiff text={layer.text} />
      </div>
    </section>
  );
}

function RuleChanges({ rules }: { rules: DocumentRuleDiff | null }) {
  if (rules === null) {
    return (
      <p className="rounded-md border border-neutral-200 px-3 py-2 text-sm text-neutral-600">
        One side does not parse as a policy document, so only the text diff is shown.
      </p>
    );
  }
  const nothing = rules.mode === null && rules.surfaces.length === 0 && rules.tests === null;
  return (
    <div className="space-y-3 rounded-md border border-neutral-200 px-3 py-2 text-sm">
      {nothing ? (
        <p className="text-neutral-600">
          No rule changes: only comments, spacing or layout differ.
        </p>
      ) : null}
      {rules.mode ? (
        <p>
          Mode: <code className="font-mono text-xs">{rules.mode.from ?? 'default'}</code> →{' '}
          <code className="font-mono text-xs">{rules.mode.to ?? 'default'}</code>
        </p>
      ) : null}
      {rules.surfaces.map((surface) => (
        <EntryChanges
          key={surface.surface}
          title={`${surfaceLabels[surface.surface] ?? surface.surface} rules`}
          noun="rule"
          diff={surface}
        />
      ))}
      {rules.tests ? <EntryChanges title="Tests" noun="test" diff={rules.tests} /> : null}
    </div>
  );
}

function EntryChanges({ title, noun, diff }: { title: string; noun: string; diff: EntryDiff }) {
  return (
    <div>
      <h4 className="text-xs font-semibold tracking-wide text-neutral-500 uppercase">{title}</h4>
      <ul className="mt-1 space-y-1">
        {diff.added.map((entry) => (
          <li key={`added-${entry.key}`} className="text-emerald-800">
            <span className="font-medium">+ Added</span> {noun} <Key value={entry.key} />
          </li>
        ))}
        {diff.removed.map((entry) => (
          <li key={`removed-${entry.key}`} className="text-red-800">
            <span className="font-medium">− Removed</span> {noun} <Key value={entry.key} />
          </li>
        ))}
        {diff.changed.map((entry) => (
          <li key={`changed-${entry.key}`} className="text-amber-900">
            <span className="font-medium">~ Changed</span> {noun} <Key value={entry.key} />
            {entry.fields.length > 0 ? (
              <span className="text-neutral-600"> ({entry.fields.join(', ')})</span>
            ) : null}
            <ul className="mt-0.5 ml-4 space-y-0.5 text-xs text-neutral-700">
              {entry.fields.map((field) => (
                <li key={field} className="font-mono break-all">
                  {field}: <span className="text-red-800">{describeValue(entry.from[field])}</span>{' '}
                  → <span className="text-emerald-800">{describeValue(entry.to[field])}</span>
                </li>
              ))}
            </ul>
          </li>
        ))}
        {diff.moved.map((entry) => (
          <li key={`moved-${entry.key}`} className="text-neutral-700">
            <span className="font-medium">↕ Moved</span> {noun} <Key value={entry.key} /> from
            position {entry.from + 1} to {entry.to + 1}
          </li>
        ))}
      </ul>
    </div>
  );
}

// A field's value on one line, as it would read in a JSON document; absent when it is not set.
function describeValue(value: unknown): string {
  return value === undefined ? '(absent)' : JSON.stringify(value);
}

function Key({ value }: { value: string }) {
  return <code className="font-mono text-xs">{value}</code>;
}

function TextDiff({ text }: { text: LineDiff }) {
  if (text.hunks.length === 0) {
    return <p className="text-sm text-neutral-500">The text is the same.</p>;
  }
  return (
    <div className="max-h-[32rem] overflow-auto rounded-md border border-neutral-200 bg-neutral-50 font-mono text-xs">
      {text.hunks.map((hunk) => (
        <div key={`${hunk.fromStart}-${hunk.toStart}`}>
          <div className="bg-neutral-100 px-3 py-1 text-neutral-500">
            @@ −{hunk.fromStart},{hunk.fromLines} +{hunk.toStart},{hunk.toLines} @@
          </div>
          {hunk.lines.map((line, index) => (
            <div
              // Lines have no identity beyond their place in the hunk.
              // biome-ignore lint/suspicious/noArrayIndexKey: see above.
              key={index}
              className={classNames(
                'px-3 whitespace-pre',
                line.kind === 'added' && 'bg-emerald-50 text-emerald-900',
                line.kind === 'removed' && 'bg-red-50 text-red-900',
                line.kind === 'context' && 'text-neutral-700',
              )}
            >
              {line.kind === 'added' ? '+ ' : line.kind === 'removed' ? '− ' : '  '}
              {line.text}
            </div>
          ))}
        </div>
      ))}
    </div>
  );
}

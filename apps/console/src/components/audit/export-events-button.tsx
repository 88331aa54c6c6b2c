'use client';

import { useState } from 'react';
import { buttonClasses } from '@/components/ui/button-classes';

type Progress =
  | { state: 'idle' }
  | { state: 'running'; rows: number; total: number | null }
  | { state: 'done'; rows: number }
  | { state: 'failed'; message: string };

/**
 * Downloads the filtered events as CSV or NDJSON with progress. The server streams rows from a
 * cursor and says up front how many will come (X-Parapet-Total-Events, counted in the export's
 * own snapshot), so the count of rows read so far against it is an honest progress. The file is
 * assembled as a Blob (browsers keep large Blobs on disk) and saved when complete; the direct
 * link beside it lets the browser stream a very large export straight to disk instead, with
 * only its own byte count as progress.
 */
export function ExportEventsButton({ href, format }: { href: string; format: 'csv' | 'ndjson' }) {
  const [progress, setProgress] = useState<Progress>({ state: 'idle' });
  const label = format === 'csv' ? 'CSV' : 'NDJSON';

  async function run() {
    try {
      const response = await fetch(href, { credentials: 'same-origin' });
      if (!response.ok || !response.body) {
        const body = (await response.json().catch(() => null)) as {
          error?: { message?: string };
        } | null;
        throw new Error(body?.error?.message ?? `The export failed (${response.status}).`);
      }
      const total = Number(response.headers.get('x-parapet-total-events') ?? Number.NaN);
      const name =
        /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ??
        `events.${format}`;
      const parts: Uint8Array[] = [];
      let newlines = 0;
      setProgress({ state: 'running', rows: 0, total: Number.isNaN(total) ? null : total });
      const reader = response.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        parts.push(value);
        for (const byte of value) if (byte === 10) newlines += 1;
        const rows = format === 'csv' ? Math.max(0, newlines - 1) : newlines;
        setProgress({ state: 'running', rows, total: Number.isNaN(total) ? null : total });
      }
      const rows = format === 'csv' ? Math.max(0, newlines - 1) : newlines;
      const url = URL.createObjectURL(
        new Blob(parts as BlobPart[], { type: 'application/octet-stream' }),
      );
      const anchor = document.createElement('a');
      anchor.href = url;
      anchor.download = name;
      document.body.append(anchor);
      anchor.click();
      anchor.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      setProgress({ state: 'done', rows });
    } catch (error) {
      setProgress({
        state: 'failed',
        message: error instanceof Error ? error.message : String(error),
      });
    }
  }

  return (
    <div className="flex flex-wrap items-center gap-2 text-sm">
      <button
        type="button"
        className={buttonClasses('secondary')}
        disabled={progress.state === 'running'}
        onClick={run}
      >
        Export {label}
      </button>
      <a href={href} className="text-accent-700 underline" download>
        direct
      </a>
      <span role="status" className="text-neutral-600" data-testid={`export-${format}-status`}>
        {progress.state === 'running'
          ? `${progress.rows.toLocaleString('en')}${progress.total === null ? '' : ` of ${progress.total.toLocaleString('en')}`} rows…`
          : progress.state === 'done'
            ? `${progress.rows.toLocaleString('en')} rows exported`
            : progress.state === 'failed'
              ? progress.message
              : null}
      </span>
      {progress.state === 'running' && progress.total ? (
        <progress
          className="h-2 w-32"
          max={progress.total}
          value={progress.rows}
          aria-label={`${label} export progress`}
        />
      ) : null}
    </div>
  );
}

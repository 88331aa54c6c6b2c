'use client';

import './globals.css';

// The last resort when the root layout itself fails: a plain page, no details.
// biome-ignore lint/style/noDefaultExport: Next.js loads global-error through its default export.
export default function GlobalError({ error }: { error: Error & { digest?: string } }) {
  return (
    <html lang="en">
      <body className="min-h-dvh font-sans">
        <main className="mx-auto flex min-h-dvh max-w-md flex-col items-center justify-center px-6 text-center">
          <h1 className="text-2xl font-semibold tracking-tight">Parapet is unavailable</h1>
          <p className="mt-2 text-sm text-neutral-500">
            Please reload the page in a moment.
            {error.digest ? ` Reference: ${error.digest}` : ''}
          </p>
        </main>
      </body>
    </html>
  );
}

'use client';

import { PublicFrame } from '@/components/shell/public-frame';
import { Button } from '@/components/ui/button';

// Next.js hands this page the error; in production its message is replaced by a digest, and
// only the digest is shown here: never a message or a stack. This boundary sits under the root
// layout only, so it brings the public frame (and the page's one <main>) itself, like the
// not-found page.
export default function ErrorPage({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <PublicFrame>
      <div className="text-center">
        <p className="text-sm font-semibold text-red-700">Something went wrong</p>
        <h1 className="mt-2 text-2xl font-semibold tracking-tight">This page could not be shown</h1>
        <p className="mt-2 text-sm text-neutral-500">
          Please try again. If it keeps happening, report this reference to your administrator
          {error.digest ? (
            <>
              : <code className="font-mono text-neutral-700">{error.digest}</code>
            </>
          ) : (
            '.'
          )}
        </p>
        <Button className="mt-6" onClick={reset}>
          Try again
        </Button>
      </div>
    </PublicFrame>
  );
}
